import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { comparePeers, type PeerComparison } from '../bench/peers.js';
import { runScale, type ScaleResult } from '../bench/scale.js';
import { peersTable, scaleTable } from '../bench/tables.js';

export const USAGE = [
  'usage: threadline bench [--sizes 1000,10000,50000] [--kinds lexical,hybrid]',
  '       threadline bench --peers [--eval-dir ../shared/eval] [--sets a,b]',
  '  bench: synthetic knowledge bases (10 questions per article), one child process per size and matcher',
  '  --peers: threadline (hybrid) and nlp.js side by side on every labelled set in --eval-dir',
].join('\n');

const DEFAULT_SETS = ['banking77-10shot', 'hwu64-10shot', 'banking77-full', 'banking77-oos-10shot'];
const sizes = z.array(z.coerce.number().int().min(10).max(200_000));
const kinds = z.array(z.enum(['lexical', 'hybrid']));
const scaleResult = z.object({
  articles: z.number(), kind: z.enum(['lexical', 'hybrid']), ran: z.enum(['lexical', 'hybrid']),
  buildMs: z.number(), p50Ms: z.number(), p99Ms: z.number(), peakRssMb: z.number(), queries: z.number(),
});

/** `threadline bench`: matching cost at scale, or `--peers`: quality and speed next to nlp.js. */
export async function run(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        peers: { type: 'boolean' }, 'eval-dir': { type: 'string' }, sets: { type: 'string' },
        sizes: { type: 'string' }, kinds: { type: 'string' }, child: { type: 'string' }, // --help: the dispatcher
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.child) return child(values.child);
  if (values.peers) return peers(values['eval-dir'] ?? '../shared/eval', values.sets?.split(',') ?? DEFAULT_SETS);
  const sizeList = sizes.safeParse((values.sizes ?? '1000,10000,50000').split(','));
  const kindList = kinds.safeParse((values.kinds ?? 'lexical,hybrid').split(','));
  if (!sizeList.success || !kindList.success) {
    console.error(`--sizes takes whole numbers (e.g. 1000,10000) and --kinds lexical and/or hybrid\n${USAGE}`);
    return 2;
  }
  return scale(sizeList.data, kindList.data);
}

async function peers(evalDir: string, sets: string[]): Promise<number> {
  const rows: PeerComparison[] = [];
  for (const set of sets) {
    const dir = join(evalDir, set);
    if (!existsSync(join(dir, 'cases.jsonl'))) {
      console.error(`skipping ${set}: no ${join(dir, 'cases.jsonl')}`);
      continue;
    }
    console.error(`running ${set} …`);
    rows.push(await comparePeers(dir, set));
  }
  if (!rows.length) {
    console.error(`no labelled sets found in ${evalDir}`);
    return 1;
  }
  console.log(peersTable(rows).join('\n'));
  return 0;
}

/** Each size and matcher in its own process, so peak RSS is that run's alone. */
async function scale(sizeList: number[], kindList: Array<'lexical' | 'hybrid'>): Promise<number> {
  const rows: Array<ScaleResult | { articles: number; kind: string; error: string }> = [];
  const bin = fileURLToPath(new URL('../../bin/threadline.js', import.meta.url));
  for (const size of sizeList) {
    for (const kind of kindList) {
      console.error(`building ${size} articles, ${kind} …`);
      const output = await runChild(bin, ['bench', '--child', `${size}:${kind}`]);
      const parsed = scaleResult.safeParse(safeJson(output.stdout.trim().split('\n').at(-1) ?? ''));
      rows.push(parsed.success ? parsed.data : { articles: size, kind, error: output.stderr.trim().split('\n').at(-1) ?? `exit ${output.code}` });
      console.error(`  ${JSON.stringify(rows.at(-1))}`);
    }
  }
  console.log(scaleTable(rows).join('\n'));
  return rows.some((r) => 'error' in r) ? 1 : 0;
}

async function child(spec: string): Promise<number> {
  const [size, kind] = spec.split(':');
  const result = await runScale(Number(size), kind === 'lexical' ? 'lexical' : 'hybrid');
  console.log(JSON.stringify(result));
  return 0;
}

function runChild(bin: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--max-old-space-size=8192', bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
