import { createServer } from 'node:net';

/**
 * Start-up problems a person can fix, turned into one line saying what to do before anything
 * starts: a busy port, a port that needs privileges.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export const apiPortBusy = (port: number) => `Port ${port} is in use: stop whatever uses it, or run PORT=${port + 1} npm start`;
export const dynamoPortBusy = (port: number) =>
  `Port ${port} (DynamoDB Local) is in use: stop whatever uses it, or run DYNAMODB_LOCAL_PORT=${port + 1} npm start`;

/** Listens on the port for a moment, to turn "in use" into advice before anything starts. */
export async function assertPortFree(port: number, describe: (port: number) => string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new StartupError(describe(port)));
      else if (error.code === 'EACCES') reject(new StartupError(`Port ${port} needs privileges this user lacks: choose a port above 1023.`));
      else reject(error);
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}
