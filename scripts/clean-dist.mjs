// Removes dist/ before `npm pack` compiles it again, so no stale module of a deleted source
// file ends up in the tarball.
import { rmSync } from 'node:fs';
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
