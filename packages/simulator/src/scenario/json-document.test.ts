import { ValidationError, formatIssue } from '@lifeboat/core';
import { parseDocument, stringify } from 'yaml';
import { parseJsonDocument } from './json-document';
import { readScenarioDocument } from './parse-scenario';

function problems(text: string): string[] {
  try {
    readScenarioDocument(text);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map(formatIssue);
    throw error;
  }
  return [];
}

const document = {
  apiVersion: 'lifeboat.dev/v1alpha1',
  metadata: { name: 'quoted "name" \\ with ünïcode \u2603', labels: { 'a:b': 'c' } },
  spec: {
    seed: 12,
    ratio: 0.25,
    big: 1e21,
    empty: {},
    list: [[], [1, -2.5, true, false, null], [{ x: 'y' }, { x: 'z' }]],
  },
};

describe('JSON scenario files', () => {
  it.each([
    ['compact', JSON.stringify(document)],
    ['indented', JSON.stringify(document, null, 2)],
  ])('read %s exactly as the YAML parser reads them', (_, text) => {
    expect(parseJsonDocument(text)).toEqual({ value: document });
    expect(readScenarioDocument(text)).toEqual(parseDocument(text).toJS());
  });

  it.each([
    ['a key twice in one object', '{"spec": {"seed": 1, "seed": 2}}'],
    ['a key twice, once escaped', '{"spec": {"seed": 1, "s\\u0065ed": 2}}'],
  ])("refuse %s with the YAML parser's located message", (_, text) => {
    expect(parseJsonDocument(text)).toBeUndefined();
    expect(problems(text)).toEqual([
      expect.stringMatching(/^line 1, column \d+: Map keys must be unique/),
    ]);
  });

  it('let the same key appear in different objects, and strings that are values', () => {
    const text = '{"a": {"k": "k"}, "b": {"k": ["k", "k"]}, "k": "k: v"}';
    expect(parseJsonDocument(text)).toEqual({ value: JSON.parse(text) });
  });

  it('leave YAML and broken JSON to the YAML parser', () => {
    expect(parseJsonDocument(stringify(document))).toBeUndefined();
    expect(parseJsonDocument('{"spec": {"seed": 1,}')).toBeUndefined();
    expect(problems('{"spec": {"seed": 1,}')).toEqual([
      expect.stringMatching(/^line 1, column \d+: /),
    ]);
  });
});
