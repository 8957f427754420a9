import { describe, expect, it } from 'vitest';
import { costLimitRule } from './cost-limit.js';
import { depthLimitRule } from './depth-limit.js';
import { graphql } from './graphql-cjs.js';

// A schema with a cycle, so documents can nest as deep as a test likes.
const schema = graphql.buildSchema(`
  type Query { node: Node, nodes(first: Int = 10): [Node!]!, all: [Node!]! }
  type Node { name: String, child: Node, children(first: Int = 50): [Node!]! }
`);

/** given a document → the extension codes of what the limits refuse. */
function refusals(source: string): unknown[] {
  const errors = graphql.validate(schema, graphql.parse(source), [depthLimitRule(), costLimitRule()]);
  return errors.map((error) => error.extensions.code);
}

const nested = (levels: number) => '{ ' + 'node { '.repeat(levels - 1) + 'name' + ' }'.repeat(levels);

describe('GraphQL depth limit', () => {
  it('allows 7 levels of data and refuses 8, counting fragments as their fields', () => {
    expect(refusals(nested(7))).toEqual([]);
    expect(refusals(nested(8))).toEqual(['QUERY_TOO_DEEP']);
    expect(
      refusals(
        '{ node { ...F } } fragment F on Node { child { child { child { child { child { child { name } } } } } } }',
      ),
    ).toEqual(['QUERY_TOO_DEEP']);
  });

  it('lets the standard introspection query through, but not a type expanded inside a type', () => {
    expect(refusals(graphql.getIntrospectionQuery())).toEqual([]);
    expect(refusals('{ __schema { types { fields { type { fields { name } } } } } }')).toEqual(['QUERY_TOO_DEEP']);
    expect(
      refusals('{ __type(name: "Node") { fields { type { ' + 'ofType { '.repeat(12) + 'name' + ' }'.repeat(16)),
    ).toEqual(['QUERY_TOO_DEEP']);
  });
});

describe('GraphQL cost limit', () => {
  it('multiplies what a list selects by its `first`, its default, or a guess for unpaged lists', () => {
    // 1 + 200 × (1 + 50 × 1) = 10 201
    expect(refusals('{ nodes(first: 200) { children { name } } }')).toEqual(['QUERY_TOO_COSTLY']);
    // 1 + 10 × (1 + 50 × 1) = 511
    expect(refusals('{ nodes { children { name } } }')).toEqual([]);
    // 1 + 20 × (1 + 200 × 1) = 4 021
    expect(refusals('{ all { children(first: 200) { name } } }')).toEqual([]);
  });

  it('counts a variable `first` as the most it may be, and a `first` above that as the maximum', () => {
    expect(refusals('query($n: Int) { nodes(first: $n) { children(first: $n) { name } } }')).toEqual([
      'QUERY_TOO_COSTLY',
    ]);
    expect(refusals('{ nodes(first: 100000) { name } }')).toEqual([]);
  });

  it('counts fragments and aliases, and leaves introspection to the depth limit', () => {
    expect(
      refusals(
        '{ a: nodes(first: 200) { ...N } b: nodes(first: 200) { ...N } } fragment N on Node { name child { name } children(first: 20) { name } }',
      ),
    ).toEqual(['QUERY_TOO_COSTLY']);
    expect(
      refusals(
        '{ a: nodes(first: 200) { ...N } } fragment N on Node { name child { name } children(first: 20) { name } }',
      ),
    ).toEqual([]);
  });
});
