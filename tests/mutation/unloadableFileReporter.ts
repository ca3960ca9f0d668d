// A vitest reporter for the mutation run only (vitest.mutation.config.ts). StrykerJS's vitest
// runner (9.6.1, and 10.x alike) builds a mutant's result from the tests vitest collected; a test
// file whose import throws collects none, so a mutant that stops a module from loading (a
// KNOWN_ASSETS code made "", a scale check made `true`) is scored Survived with 0 tests run,
// though every test of that file fails. Open upstream: stryker-js issues 6150 and 6213.
// This gives each such file one failed test carrying its load error, so the mutant counts as
// killed. Files that loaded are left exactly as they are.

import type { Reporter, Vitest } from 'vitest/node';

type File = ReturnType<Vitest['state']['getFiles']>[number];
type Task = File['tasks'][number];

function hasTests(tasks: readonly Task[]): boolean {
  return tasks.some((t) => t.type === 'test' || (t.type === 'suite' && hasTests(t.tasks)));
}

export default class UnloadableFileReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(): void {
    for (const file of this.vitest?.state.getFiles() ?? []) {
      if (file.result?.state !== 'fail' || hasTests(file.tasks)) continue;
      const message = file.result.errors?.[0]?.message ?? 'the test file failed to load';
      // Built by hand: vitest makes tasks only while it collects; only these fields are read back.
      const test = {
        type: 'test',
        id: `${file.id}_load`,
        name: 'the test file loads',
        mode: 'run',
        file,
        suite: file,
        context: undefined,
        meta: {},
        timeout: 0,
        annotations: [],
        artifacts: [],
        result: { state: 'fail', errors: [{ message, name: 'Error' }], duration: 0 },
      } as unknown as Task;
      file.tasks.push(test);
    }
  }
}
