/** Helpers shared by the sandbox's command-line entry points (serve.ts, start.ts). */
import { SCENARIO_NAMES, startSandbox, type Sandbox, type SandboxOptions, type ScenarioName } from './server.ts';
import { isScenarioName } from './scenarios.ts';

export function describeSandbox(sandbox: Sandbox): string {
  return [
    `Deskflow sandbox (scenario "${sandbox.scenario()}")`,
    `  App:          ${sandbox.appUrl}/prospects`,
    `  Billing API:  ${sandbox.apiUrl}/v1/billing/summary`,
    `  Demo API key: ${sandbox.demoKey}`,
    `  Controls:     ${sandbox.apiUrl}/__sandbox  (scenarios: ${SCENARIO_NAMES.join(', ')})`,
    `  Try:          curl -H 'Authorization: Bearer ${sandbox.demoKey}' ${sandbox.apiUrl}/v1/billing/summary`,
  ].join('\n');
}

export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${value}`);
  return port;
}

export function parseScenario(value: string | undefined): ScenarioName {
  const name = value ?? 'basic';
  if (!isScenarioName(name)) throw new Error(`Unknown scenario "${name}"; one of ${SCENARIO_NAMES.join(', ')}`);
  return name;
}

/** Runs `close` on Ctrl-C or SIGTERM, then exits (a second Ctrl-C exits at once). */
export function closeOnSignals(close: () => Promise<void>): void {
  let closing = false;
  const stop = (signal: string) => {
    if (closing) process.exit(1); // second Ctrl-C: leave now
    closing = true;
    console.log(`\n${signal}: stopping the sandbox…`);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** The port `npm start` and `npm run sandbox` prefer, so URLs stay the same between runs. */
export const PREFERRED_PORT = 4010;

/**
 * Starts the sandbox on `port` when given (failing if it is taken), else on PREFERRED_PORT
 * when that is free, else on any free port.
 */
export async function startOnPreferredPort(options: Omit<SandboxOptions, 'port'> & { port?: number }): Promise<Sandbox> {
  if (options.port !== undefined) return startSandbox(options);
  try {
    return await startSandbox({ ...options, port: PREFERRED_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startSandbox({ ...options, port: 0 });
  }
}
