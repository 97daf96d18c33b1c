import { createBackendModule } from '@backstage/backend-plugin-api';
import { createOAuthAuthenticator, OAuthAuthenticatorResult } from '@backstage/plugin-auth-node';
import * as passport from 'passport-oauth2';
import OAuth2Strategy from 'passport-oauth2';

// Calls and constructions of values from packages that are not installed are `any` in tsc's
// declarations: no call helper, and no import of the missing package is left behind.
const transform = async (result: OAuthAuthenticatorResult<unknown>) => ({
  profile: { email: String(result.fullProfile) },
});

export const authenticator = createOAuthAuthenticator({
  defaultProfileTransform: transform,
  initialize({ callbackUrl }) {
    return { callbackUrl };
  },
});

export const authModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'example',
  register(reg) {
    reg.registerInit({ deps: {}, async init() {} });
  },
});

export const strategy = new OAuth2Strategy({ clientID: 'id' }, () => {});

export const namespacedStrategy = new passport.Strategy({ clientID: 'id' }, () => {});

export const verified = passport.Strategy.prototype.authenticate.call(strategy);
