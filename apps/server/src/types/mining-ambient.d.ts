// The mining package declares the untyped BPMN libraries it uses in its own types folder; a program that compiles
// the package's sources from here (the server imports it by source) needs those declarations too.
/// <reference path="../../../../packages/mining/src/types/bpmn-moddle.d.ts" />
/// <reference path="../../../../packages/mining/src/types/bpmn-auto-layout.d.ts" />
