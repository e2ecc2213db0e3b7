import fc from 'fast-check';
import { leaf, node, tau, type ProcessTree } from '../src/discovery/process-tree.js';

/** Small random process trees over the activities a–d: leaves, silent steps and the four operators. */
export const processTree: fc.Arbitrary<ProcessTree> = fc.letrec<{ t: ProcessTree }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('a', 'b', 'c', 'd').map(leaf),
    fc.constant(tau()),
    fc
      .tuple(
        fc.constantFrom('seq', 'xor', 'and', 'loop') as fc.Arbitrary<'seq' | 'xor' | 'and' | 'loop'>,
        fc.array(tie('t'), { minLength: 2, maxLength: 3 }),
      )
      .map(([op, c]) => node(op, c)),
  ),
})).t;
