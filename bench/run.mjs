// `npm run bench`: widget weight against its budget, then ingestion throughput.
import { ingestBench } from './ingest.mjs';
import { WIDGET_BUDGET_BYTES, widgetSize } from './size.mjs';

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

const size = widgetSize();
console.log('\nWidget download to show a survey (gzip -9):');
for (const part of size.parts) console.log(`  ${part.file.padEnd(28)} ${kb(part.raw).padStart(9)} raw  ${kb(part.gzip).padStart(8)} gz`);
console.log(`  ${'total'.padEnd(28)} ${kb(size.raw).padStart(9)} raw  ${kb(size.gzip).padStart(8)} gz   (budget ${kb(WIDGET_BUDGET_BYTES)})`);

const ingest = await ingestBench();
console.log(`\nIngestion on loopback (autocannon, ${ingest.connections} connections, ${ingest.seconds} s each):`);
console.log(`  GET /healthz (no-op)          ${Math.round(ingest.noop).toLocaleString('en')} req/s`);
console.log(`  POST responses (stored)       ${Math.round(ingest.ingest).toLocaleString('en')} responses/s   p99 ${ingest.ingestP99} ms`);
console.log(`  ratio ingest / no-op          ${ingest.ratio.toFixed(2)}`);

if (ingest.failed > 0) {
  console.error(`\n${ingest.failed} ingestion requests failed`);
  process.exitCode = 1;
}
if (size.gzip > WIDGET_BUDGET_BYTES) {
  console.error(`\nWidget is over budget: ${kb(size.gzip)} > ${kb(WIDGET_BUDGET_BYTES)}`);
  process.exitCode = 1;
}
