import type { Tree } from 'web-tree-sitter';

/**
 * A syntax tree node as plain JavaScript data. web-tree-sitter hands out nodes by copying them
 * across the WebAssembly boundary on every property access (`node.parent`, `node.children`,
 * `node.childForFieldName`), which cost five times the parse itself; the tree is copied once,
 * with a cursor, and the walk reads these instead.
 */
export class SyntaxNode {
  readonly children: SyntaxNode[] = [];
  parent: SyntaxNode | null = null;
  private named: SyntaxNode[] | undefined;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    /** The field of its parent this node fills (`function`, `arguments`…), if any. */
    readonly fieldName: string | null,
    private readonly source: string,
  ) {}

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get namedChildren(): SyntaxNode[] {
    this.named ??= this.children.filter((child) => child.isNamed);
    return this.named;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  namedChild(index: number): SyntaxNode | null {
    return this.namedChildren[index] ?? null;
  }

  childForFieldName(name: string): SyntaxNode | null {
    for (const child of this.children) if (child.fieldName === name) return child;
    return null;
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    return this.children.filter((child) => child.fieldName === name);
  }

  descendantsOfType(type: string): SyntaxNode[] {
    const found: SyntaxNode[] = [];
    const pending: SyntaxNode[] = [...this.children].reverse();
    for (let node = pending.pop(); node; node = pending.pop()) {
      if (node.type === type) found.push(node);
      for (let index = node.children.length - 1; index >= 0; index--) pending.push(node.children[index]!);
    }
    return found;
  }
}

/** The whole tree as SyntaxNodes, built iteratively (depth is no limit). */
export function plainTree(tree: Tree, source: string): SyntaxNode {
  const cursor = tree.walk();
  try {
    const root = new SyntaxNode(cursor.nodeType, cursor.nodeIsNamed, cursor.startIndex, cursor.endIndex, null, source);
    // The SyntaxNode of the cursor's parent: null once the cursor is back at the root.
    let parent: SyntaxNode | null = root;
    if (!cursor.gotoFirstChild()) return root;
    for (;;) {
      const node = new SyntaxNode(
        cursor.nodeType,
        cursor.nodeIsNamed,
        cursor.startIndex,
        cursor.endIndex,
        cursor.currentFieldName,
        source,
      );
      node.parent = parent;
      parent!.children.push(node);
      if (cursor.gotoFirstChild()) {
        parent = node;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return root;
        parent = parent!.parent;
      }
    }
  } finally {
    cursor.delete();
  }
}
