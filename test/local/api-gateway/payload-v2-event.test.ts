import { describe, expect, it } from 'vitest';
import { apiGatewayTime, isTextContentType, toApiGatewayClaims } from '../../../local/api-gateway/payload-v2-event.ts';

describe('the payload 2.0 event, piece by piece', () => {
  it('formats the time like API Gateway', () => {
    expect(apiGatewayTime(new Date('2020-03-12T19:03:58.123Z'))).toBe('12/Mar/2020:19:03:58 +0000');
  });

  it('flattens claims like API Gateway: arrays to [a b], numbers and booleans to strings', () => {
    expect(toApiGatewayClaims({ groups: ['admin', 'guest'], n: 5, ok: false, obj: { b: 1, a: 'x' } })).toEqual({
      groups: '[admin guest]',
      n: '5',
      ok: 'false',
      obj: 'map[a:x b:1]',
    });
  });

  it.each([
    ['application/json', true],
    ['application/problem+json; charset=utf-8', true],
    ['text/plain', true],
    ['application/x-www-form-urlencoded', false],
    ['application/octet-stream', false],
    [undefined, false],
  ])('passes %s bodies as text: %s', (contentType, text) => {
    expect(isTextContentType(contentType)).toBe(text);
  });
});
