import { describe, expect, it } from 'vitest';
import { RouteMatcher } from '../../../local/http/route-matcher.ts';

describe('RouteMatcher: the one matcher of the API emulator, the /_local routes and the simulators', () => {
  const matcher = new RouteMatcher<string>()
    .add('GET', '/api/hotels/{hotelId}', 'hotel')
    .add('GET', '/api/hotels/special', 'literal')
    .add('GET', '/files/{path+}', 'greedy')
    .add('POST', '/v1/payment_intents/{id}/capture', 'capture')
    .add('ANY', '/_local/faults', 'faults');

  it('prefers a literal segment to a parameter, whatever the order they were added in', () => {
    expect(matcher.match('GET', '/api/hotels/special')?.value).toBe('literal');
    expect(matcher.match('GET', '/api/hotels/htl_1')).toEqual({ value: 'hotel', params: { hotelId: 'htl_1' }, template: '/api/hotels/{hotelId}' });
  });

  it('decodes parameters, takes the rest of the path into a greedy one, and ignores a trailing slash', () => {
    expect(matcher.match('GET', '/api/hotels/a%2Fb')?.params).toEqual({ hotelId: 'a/b' });
    expect(matcher.match('GET', '/files/a/b%20c.txt')?.params).toEqual({ path: 'a/b c.txt' });
    expect(matcher.match('POST', '/v1/payment_intents/pi_1/capture/')?.params).toEqual({ id: 'pi_1' });
  });

  it('matches the method, lower case too, and ANY for every method', () => {
    expect(matcher.match('post', '/v1/payment_intents/pi_1/capture')?.value).toBe('capture');
    expect(matcher.match('GET', '/v1/payment_intents/pi_1/capture')).toBeUndefined();
    expect(matcher.match('DELETE', '/_local/faults')?.value).toBe('faults');
  });

  it('tells a path some route serves with another method (405) from an unknown one (404)', () => {
    expect(matcher.methodsAt('/v1/payment_intents/pi_1/capture')).toEqual(['POST']);
    expect(matcher.methodsAt('/v1/nowhere')).toEqual([]);
  });

  it('does not match an empty parameter, a longer path or a shorter one', () => {
    expect(matcher.match('GET', '/api/hotels//')).toBeUndefined();
    expect(matcher.match('GET', '/api/hotels/htl_1/extra')).toBeUndefined();
    expect(matcher.match('GET', '/api/hotels')).toBeUndefined();
  });
});
