import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { StripePaymentGateway } from '#adapters/payment/stripe-payment-gateway.ts';
import { readSecretString } from '#adapters/secrets/secrets-manager.ts';
import { requireSetting } from '#config/config.ts';
import type { PaymentGateway } from '#ports/payment-gateway.port.ts';
import { awsClientOptions, traced } from './aws-clients.ts';
import { asyncProvider } from './provider.ts';
import { config } from './runtime.ts';

/**
 * The payment gateway (Stripe). Its key is in clear locally and in Secrets Manager on AWS, read
 * once per cold start; only the functions that move money import this module, so only they carry
 * the Stripe client and the secret's grant.
 */
export const paymentGateway = /* @__PURE__ */ asyncProvider<PaymentGateway>(async () => {
  const c = config();
  const secretKey =
    c.stripeSecretKey ??
    (await readSecretString(
      traced(new SecretsManagerClient(awsClientOptions(undefined))),
      requireSetting(c.stripeSecretArn, 'STRIPE_SECRET_ARN or STRIPE_SECRET_KEY'),
    ));
  return new StripePaymentGateway({ secretKey, timeoutMs: c.stripeTimeoutMs, ...(c.stripeApiBase ? { baseUrl: c.stripeApiBase } : {}) });
});

/** The gateway as a port whose calls wait for the secret on first use. */
export function lazyPaymentGateway(): PaymentGateway {
  return {
    authorize: async (req) => (await paymentGateway()).authorize(req),
    capture: async (req) => (await paymentGateway()).capture(req),
    void: async (req) => (await paymentGateway()).void(req),
    refund: async (req) => (await paymentGateway()).refund(req),
    get: async (paymentId) => (await paymentGateway()).get(paymentId),
    findForBooking: async (bookingId, options) => (await paymentGateway()).findForBooking(bookingId, options),
    listRefunds: async (paymentId) => (await paymentGateway()).listRefunds(paymentId),
  };
}
