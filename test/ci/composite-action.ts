import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { tempProject } from '../helpers/temp-project.js';

/** The parts of a composite action's metadata (action.yml) this runner understands. */
interface ActionStep {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}

interface ActionMetadata {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface StepRecord {
  label: string;
  /** `uses` steps are not run here (they are other people's actions); whether GitHub would run them, and with what. */
  uses?: { action: string; wouldRun: boolean; with: Record<string, string> };
  status?: number | null;
  stdout?: string;
  stderr?: string;
}

export interface ActionRun {
  conclusion: 'success' | 'failure';
  steps: StepRecord[];
  outputs: Record<string, string>;
}

export function readAction(file: string): ActionMetadata {
  return parse(readFileSync(file, 'utf8')) as ActionMetadata;
}

/**
 * Runs a composite action the way the runner does, for its `run:` steps: each with bash
 * (`bash --noprofile --norc -eo pipefail`), in the workspace, with its own `GITHUB_OUTPUT` file,
 * `${{ }}` expressions in `env:`/`with:` resolved from the inputs and earlier steps' outputs, and
 * the first failing step ending the action. Only the expressions the action uses are understood;
 * any other fails loudly rather than being guessed.
 */
export function runCompositeAction(
  actionFile: string,
  workspace: string,
  inputs: Record<string, string>,
  summaryFile: string,
): ActionRun {
  const action = readAction(actionFile);
  if (action.runs.using !== 'composite') throw new Error(`not a composite action: ${action.runs.using}`);
  const values: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) values[name] = input.default ?? '';
  for (const [name, value] of Object.entries(inputs)) {
    if (!(name in action.inputs)) throw new Error(`the action has no input "${name}"`);
    values[name] = value;
  }
  const stepOutputs: Record<string, Record<string, string>> = {};
  const evaluate = (text: string) => substitute(text, values, stepOutputs);
  const scratch = tempProject({});
  const steps: StepRecord[] = [];

  for (const [index, step] of action.runs.steps.entries()) {
    const label = step.id ?? step.name ?? step.uses ?? `step ${index}`;
    if (step.uses !== undefined) {
      const withValues = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, evaluate(String(v))]));
      const wouldRun = step.if === undefined ? true : condition(step.if, values);
      steps.push({ label, uses: { action: step.uses, wouldRun, with: withValues } });
      continue;
    }
    if (step.if !== undefined) throw new Error(`${label}: 'if' on a run step is not understood by this runner`);
    if (step.shell !== 'bash') throw new Error(`${label}: composite run steps need 'shell: bash' (got ${step.shell})`);
    const script = path.join(scratch, `step-${index}.sh`);
    const outputFile = path.join(scratch, `output-${index}`);
    writeFileSync(script, step.run ?? '');
    writeFileSync(outputFile, '');
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v))]));
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: workspace,
      encoding: 'utf8',
      timeout: 240_000,
      env: {
        ...runnerEnvironment(),
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        RUNNER_TEMP: scratch,
        ...env,
      },
    });
    steps.push({ label, status: result.status, stdout: result.stdout, stderr: result.stderr });
    if (step.id !== undefined) stepOutputs[step.id] = parseOutputFile(readFileSync(outputFile, 'utf8'));
    if (result.status !== 0) return { conclusion: 'failure', steps, outputs: actionOutputs(action, evaluate) };
  }
  return { conclusion: 'success', steps, outputs: actionOutputs(action, evaluate) };
}

function actionOutputs(action: ActionMetadata, evaluate: (text: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(action.outputs).map(([name, output]) => [name, evaluate(output.value)]));
}

/** The test's own environment without anything GitHub Actions would have set for a real job. */
function runnerEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('GITHUB_') && !name.startsWith('RUNNER_')),
  );
}

function substitute(
  text: string,
  inputs: Record<string, string>,
  stepOutputs: Record<string, Record<string, string>>,
): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_match, expression: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expression);
    if (input) {
      if (!(input[1]! in inputs)) throw new Error(`unknown input in \${{ ${expression} }}`);
      return inputs[input[1]!]!;
    }
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (output) return stepOutputs[output[1]!]?.[output[2]!] ?? '';
    throw new Error(`expression not understood by this runner: \${{ ${expression} }}`);
  });
}

/** `inputs.NAME == 'VALUE'`, the one form of condition the action uses. */
function condition(expression: string, inputs: Record<string, string>): boolean {
  const match = /^inputs\.([\w-]+) == '([^']*)'$/.exec(expression.trim());
  if (!match || !(match[1]! in inputs)) throw new Error(`condition not understood by this runner: ${expression}`);
  return inputs[match[1]!] === match[2];
}

/** `name=value` lines, as `echo "name=value" >> "$GITHUB_OUTPUT"` writes them (the heredoc form is not used). */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of text.split('\n').filter((entry) => entry !== '')) {
    const separator = line.indexOf('=');
    if (separator < 0) throw new Error(`output line not understood by this runner: ${line}`);
    outputs[line.slice(0, separator)] = line.slice(separator + 1);
  }
  return outputs;
}
