// Where softmax-verify keeps what belongs to the user, not to the package: the regression
// corpus of external ports, for one. $SOFTMAX_VERIFY_STATE_DIR, else
// $XDG_STATE_HOME/softmax-verify, else ~/.local/state/softmax-verify. Never the package's
// own folders: an installed package may be read-only, and the project's tracked corpus
// holds the built-in kernels' failures only.

import { homedir } from 'node:os';
import { join } from 'node:path';

export function userStateDir(): string {
  const env = process.env;
  if (env.SOFTMAX_VERIFY_STATE_DIR) return env.SOFTMAX_VERIFY_STATE_DIR;
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'softmax-verify');
}

/** The regression corpus of external ports' failures. */
export function portCorpusPath(): string {
  return join(userStateDir(), 'corpus', 'ports.jsonl');
}
