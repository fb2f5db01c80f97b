// `npm run bench`: widget weight against its budgets, ingestion throughput (without and with a
// webhook endpoint) and event-to-delivery latency, then the console's page APIs on 100,000
// answers against their 300 ms budget.
import { consoleBench, printConsoleBench } from './console.mjs';
import { ingestBench, printIngestBench } from './ingest.mjs';
import { COMBINED_BUDGET_BYTES, LOADER_BUDGET_BYTES, WIDGET_BUDGET_BYTES, widgetSize } from './size.mjs';

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const overBudget = [];

/** Prints what a page downloads for `entries`, checked against `budget` when there is one. */
function report(title, entries, budget) {
  const size = widgetSize('dist/widget', entries);
  console.log(`\n${title} (gzip -9):`);
  for (const part of size.parts) console.log(`  ${part.file.padEnd(28)} ${kb(part.raw).padStart(9)} raw  ${kb(part.gzip).padStart(8)} gz`);
  console.log(`  ${'total'.padEnd(28)} ${kb(size.raw).padStart(9)} raw  ${kb(size.gzip).padStart(8)} gz   (${budget ? `budget ${kb(budget)}` : 'no budget'})`);
  if (budget && size.gzip > budget) overBudget.push(`${title}: ${kb(size.gzip)} > ${kb(budget)}`);
}

report('Loader only: every page, nothing due', [], LOADER_BUDGET_BYTES);
report('To show a survey', ['survey'], WIDGET_BUDGET_BYTES);
report('To show a guide', ['guide'], WIDGET_BUDGET_BYTES);
report('Survey and guides runtime together', ['survey', 'guide'], COMBINED_BUDGET_BYTES);
report('Authoring ("Edit in app" tabs only, never visitors)', ['authoring'], undefined);

const ingestOk = printIngestBench(await ingestBench());

// Each print names what is over its budget.
if (!printConsoleBench(await consoleBench())) process.exitCode = 1;
if (!ingestOk) process.exitCode = 1;
if (overBudget.length > 0) {
  console.error(`\nOver budget:\n  ${overBudget.join('\n  ')}`);
  process.exitCode = 1;
}
