import { describe, expect, it } from 'vitest';
import { explainTimes, sagaInvocations } from '../../../local/faults/fault-points.ts';

describe('what one "time" of a fault is', () => {
  it('counts the saga step\'s invocations from the state machine\'s own Retry', () => {
    const asl = {
      States: {
        Capture: { Retry: [{ ErrorEquals: ['PaymentUnavailableError'], MaxAttempts: 4 }] },
        Void: { Retry: [{ ErrorEquals: ['States.ALL'] }] },
        Plain: {},
      },
    };

    expect(sagaInvocations('Capture', 'PaymentUnavailableError', asl)).toBe(5);
    expect(sagaInvocations('Void', 'PaymentUnavailableError', asl)).toBe(4);
    expect(sagaInvocations('Capture', 'SomethingElse', asl)).toBe(1);
    expect(sagaInvocations('Plain', 'PmsUnavailableError', asl)).toBe(1);
  });

  it('says how many requests one booking sends to a point when every attempt fails: SDK retries times saga retries', () => {
    const capture = explainTimes('payment.capture', 2);
    const hold = explainTimes('pms.hold', 1);
    const lookup = explainTimes('pms.lookup', 1);

    // statemachines/checkout-saga.asl.json: CapturePayment MaxAttempts 4, HoldRooms MaxAttempts 3.
    expect(capture.perBooking).toEqual({ sagaStep: 'CapturePayment', requestsIfEveryAttemptFails: 10 });
    expect(hold.perBooking).toEqual({ sagaStep: 'HoldRooms', requestsIfEveryAttemptFails: 4 });
    expect(capture.meaning).toMatch(/one HTTP request .* retries included/);
    expect(capture.meaning).toMatch(/times: 10 makes the step fail for one booking/);
    expect(lookup.perBooking).toBeUndefined();
    expect(lookup.meaning).toMatch(/next booking/);
  });
});
