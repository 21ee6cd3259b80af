import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { PermissionRegistry } from './permission-registry.ts';

export interface GuestMailProps {
  /** Registers `mail:send`. */
  access: PermissionRegistry;
  /** Part of the configuration set's name. */
  stage: string;
  /** The From address (`MAIL_FROM`). */
  mailFrom: string;
  /** Verify the whole domain (Easy DKIM) instead of the one address. */
  mailDomain?: string;
}

/** `hotel-booking-<stage>`: the configuration set every guest mail is sent through. */
export function configurationSetNameOf(stage: string): string {
  return `hotel-booking-${stage}`;
}

/**
 * Guest mail through Amazon SES v2: the sending identity (the domain with Easy DKIM in production,
 * or the single From address, which SES verifies by a link mailed to it), and a configuration set
 * that keeps reputation metrics and puts bounced and complaining addresses on the account's
 * suppression list, so we stop mailing them. Functions declaring `mail:send` get `ses:SendEmail` on
 * exactly this identity and configuration set, `MAIL_FROM` and `SES_CONFIGURATION_SET`.
 *
 * A new SES account is in the sandbox (it mails verified addresses only) until AWS moves it to
 * production on request (docs/deploy.md).
 */
export class GuestMail extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;

  constructor(scope: Construct, id: string, props: GuestMailProps) {
    super(scope, id);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: configurationSetNameOf(props.stage),
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: props.mailDomain ? ses.Identity.domain(props.mailDomain) : ses.Identity.email(props.mailFrom),
      configurationSet: this.configurationSet,
    });
    const stack = Stack.of(this);
    const configurationSetArn = stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName });
    const identityArn = stack.formatArn({ service: 'ses', resource: 'identity', resourceName: this.identity.emailIdentityName });
    props.access.provide('mail:send', (fn) => {
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [identityArn, configurationSetArn],
          // Only from our own address, whatever the identity covers (a whole domain).
          conditions: { StringEquals: { 'ses:FromAddress': props.mailFrom } },
        }),
      );
      fn.addEnvironment('MAIL_FROM', props.mailFrom);
      fn.addEnvironment('SES_CONFIGURATION_SET', this.configurationSet.configurationSetName);
    });
  }
}
