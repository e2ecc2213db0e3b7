import fs from 'node:fs';
import { AppError } from '../errors.js';

export interface DirectoryLock {
  release(): void;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes an exclusive lock file; a stale lock left by a dead process is taken over. */
export function acquireDirectoryLock(lockPath: string): DirectoryLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        fs.rmSync(lockPath, { force: true });
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockPath, 'utf8'));
      if (Number.isFinite(holder) && holder > 0 && processIsAlive(holder)) {
        throw new AppError('conflict', `The data directory is in use by another Sagsgang process (pid ${holder}).`, {
          lockPath,
        });
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new AppError('conflict', 'Could not take the data directory lock.', { lockPath });
}
