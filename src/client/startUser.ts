import type { createDefinitionSource } from './createDefinitionSource';
import type { createStatePull } from './createStatePull';
import { describeToken, isToken } from './isToken';
import type { SessionContext } from './SessionContext';

/**
 * Starts the session's user from the options: the `userToken` handed to the sync, the user's stored document
 * loaded, the definitions applied, a different `userId` switched to (with its `traits`), then the first pull.
 *
 * @example
 * await startUser(context, definitions, state);
 */
export async function startUser(
  context: SessionContext,
  definitions: ReturnType<typeof createDefinitionSource>,
  state?: ReturnType<typeof createStatePull>,
): Promise<void> {
  const { options_: o, users_: users, report_: report } = context;
  if (o.userId && context.checks_.unsendable('userId', o.userId)) o.userId = undefined;
  const initialUser = o.userId || users.identity_().userId;
  if (o.userToken !== undefined) {
    if (!isToken(o.userToken))
      report({
        code: 'invalid_option',
        path: 'userToken',
        message: `expected a token string of 1 to 8192 characters, got ${describeToken(o.userToken)}`,
      });
    else if (!initialUser)
      report({
        code: 'invalid_option',
        path: 'userToken',
        message: 'a token without a userId (none given, none stored) proves no one; ignored',
      });
    else context.sync_?.setToken(initialUser, o.userToken);
  }
  await users.load();
  definitions.define_();
  const traits = context.checks_.clean(o.traits, 'traits');
  if (o.userId && o.userId !== users.identity_().userId) await users.switchTo_(o.userId, traits);
  else if (traits) context.engine_.setTraits(traits);
  void state?.pull_();
}
