// An eslint rule that reports every import closing a cycle between the project's own modules.
// eslint-plugin-import-x's no-cycle skips `import type` edges, and both cycles this tree had went
// through one; here the graph comes from the TypeScript program the type-aware rules already
// built (the compiler's own module resolution, workspace `exports` and all), so every kind of
// import counts and no file is parsed twice.
import { AST_NODE_TYPES, ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { relative } from 'node:path';
import ts from 'typescript';

type Graph = {
  /** For each project file: the project files it imports. */
  edges: Map<string, Set<string>>;
  /** For each project file: the project file each of its specifiers resolves to. */
  targets: Map<string, Map<string, string>>;
  /** Strongly connected component id of every file that lies on a cycle. */
  component: Map<string, number>;
};

const graphs = new WeakMap<ts.Program, Graph>();

function isProjectFile(fileName: string): boolean {
  return !fileName.includes('/node_modules/') && !fileName.endsWith('.d.ts');
}

function specifiersOf(file: ts.SourceFile): ts.StringLiteralLike[] {
  const found: ts.StringLiteralLike[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteralLike(node.moduleReference.expression)
    ) {
      found.push(node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) found.push(argument);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteralLike(node.argument.literal)) {
      found.push(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Tarjan's algorithm, iterative so that a deep import chain cannot overflow the stack. */
function cyclicComponents(edges: Map<string, Set<string>>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let counter = 0;
  let components = 0;
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; next: Iterator<string> }[] = [];
    const enter = (node: string): void => {
      index.set(node, counter);
      low.set(node, counter);
      counter += 1;
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: (edges.get(node) ?? new Set<string>()).values() });
    };
    enter(root);
    while (work.length) {
      const frame = work.at(-1);
      if (!frame) break;
      const step = frame.next.next();
      if (!step.done) {
        const target = step.value;
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(target) ?? 0));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const members: string[] = [];
      for (;;) {
        const member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        members.push(member);
        if (member === frame.node) break;
      }
      const selfImport = edges.get(frame.node)?.has(frame.node) ?? false;
      if (members.length > 1 || selfImport) {
        for (const member of members) component.set(member, components);
        components += 1;
      }
    }
  }
  return component;
}

function graphOf(program: ts.Program): Graph {
  const cached = graphs.get(program);
  if (cached) return cached;
  const options = program.getCompilerOptions();
  const cache = ts.createModuleResolutionCache(program.getCurrentDirectory(), (name) => name, options);
  const edges = new Map<string, Set<string>>();
  const targets = new Map<string, Map<string, string>>();
  for (const file of program.getSourceFiles()) {
    if (!isProjectFile(file.fileName)) continue;
    const imported = new Set<string>();
    const bySpecifier = new Map<string, string>();
    for (const specifier of specifiersOf(file)) {
      const mode = program.getModeForUsageLocation(file, specifier);
      const resolved = ts.resolveModuleName(specifier.text, file.fileName, options, ts.sys, cache, undefined, mode).resolvedModule;
      if (!resolved || !isProjectFile(resolved.resolvedFileName)) continue;
      bySpecifier.set(specifier.text, resolved.resolvedFileName);
      imported.add(resolved.resolvedFileName);
    }
    edges.set(file.fileName, imported);
    targets.set(file.fileName, bySpecifier);
  }
  const graph = { edges, targets, component: cyclicComponents(edges) };
  graphs.set(program, graph);
  return graph;
}

/** The shortest way from `from` back to `to` inside one component: the files on it, `from` first and `to` last. */
function pathBack(graph: Graph, from: string, to: string): string[] {
  const componentId = graph.component.get(from);
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length) {
    const node = queue.shift();
    if (node === undefined || node === to) break;
    for (const next of graph.edges.get(node) ?? []) {
      if (previous.has(next) || graph.component.get(next) !== componentId) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  const files = [to];
  for (let node = to; node !== from;) {
    const before = previous.get(node);
    if (before === undefined) break;
    files.unshift(before);
    node = before;
  }
  return files;
}

export const noImportCycles = ESLintUtils.RuleCreator.withoutDocs({
  meta: {
    type: 'problem',
    schema: [],
    messages: { cycle: 'Import cycle: {{path}}.' },
    defaultOptions: [],
  },
  create(context) {
    const graph = graphOf(ESLintUtils.getParserServices(context).program);
    const self = context.physicalFilename;
    const ownComponent = graph.component.get(self);
    const targets = graph.targets.get(self);
    if (ownComponent === undefined || !targets) return {};
    const check = (node: TSESTree.Node, specifier: string): void => {
      const target = targets.get(specifier);
      if (target === undefined || graph.component.get(target) !== ownComponent) return;
      const cycle = [self, ...pathBack(graph, target, self)].map((file) => relative(context.cwd, file));
      context.report({ node, messageId: 'cycle', data: { path: cycle.join(' → ') } });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => {
        if (node.source) check(node.source, node.source.value);
      },
      ImportExpression: (node) => {
        if (node.source.type === AST_NODE_TYPES.Literal && typeof node.source.value === 'string') check(node.source, node.source.value);
      },
      TSImportType: (node) => check(node.source, node.source.value),
    };
  },
});
