/**
 * Stripe's documented test PaymentMethods (https://docs.stripe.com/testing), the ones that matter
 * here: `pm_card_visa` (and other `pm_card_<brand>`) authorize; `pm_card_chargeDeclined...` decline
 * with Stripe's codes; `pm_card_authenticationRequired` needs 3-D Secure.
 */
export type Outcome =
  | { kind: 'success' }
  | { kind: 'decline'; code: string; declineCode: string; message: string }
  | { kind: 'requires_action' };

const DECLINE = (code: string, declineCode: string, message: string): Outcome => ({ kind: 'decline', code, declineCode, message });

export const TEST_PAYMENT_METHODS: Record<string, Outcome> = {
  pm_card_visa: { kind: 'success' },
  pm_card_visa_debit: { kind: 'success' },
  pm_card_mastercard: { kind: 'success' },
  pm_card_amex: { kind: 'success' },
  pm_card_jcb: { kind: 'success' },
  pm_card_chargeDeclined: DECLINE('card_declined', 'generic_decline', 'Your card was declined.'),
  pm_card_chargeDeclinedInsufficientFunds: DECLINE('card_declined', 'insufficient_funds', 'Your card has insufficient funds.'),
  pm_card_chargeDeclinedExpiredCard: DECLINE('expired_card', 'expired_card', 'Your card has expired.'),
  pm_card_chargeDeclinedIncorrectCvc: DECLINE('incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."),
  pm_card_chargeDeclinedProcessingError: DECLINE(
    'processing_error',
    'processing_error',
    'An error occurred while processing your card. Try again in a little bit.',
  ),
  pm_card_chargeDeclinedLostCard: DECLINE('card_declined', 'lost_card', 'Your card was declined.'),
  pm_card_chargeDeclinedStolenCard: DECLINE('card_declined', 'stolen_card', 'Your card was declined.'),
  pm_card_chargeDeclinedFraudulent: DECLINE('card_declined', 'fraudulent', 'Your card was declined.'),
  pm_card_authenticationRequired: { kind: 'requires_action' },
};
