/**
 * Runs the sandbox alone: `npm run sandbox -- [--port N] [--scenario name] [--host addr]`
 * (or `npx tsx test/sandbox/serve.ts …`). Serves until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { closeOnSignals, describeSandbox, parsePort, parseScenario, startOnPreferredPort } from './cli.ts';
import { SCENARIO_NAMES } from './server.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      scenario: { type: 'string', short: 's' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('Usage: npm run sandbox -- [--port N (default $PORT, else 4010 when free)] [--scenario name] [--host 127.0.0.1]');
    console.log(`Scenarios: ${SCENARIO_NAMES.join(', ')}`);
    return;
  }
  const port = values.port ?? process.env.PORT;
  const sandbox = await startOnPreferredPort({
    port: port === undefined || port === '' ? undefined : parsePort(port, 0),
    scenario: parseScenario(values.scenario),
    host: values.host,
  });
  console.log(describeSandbox(sandbox));
  console.log('Press Ctrl-C to stop.');
  closeOnSignals(() => sandbox.close());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
