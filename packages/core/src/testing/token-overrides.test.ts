import * as tokens from '../tokens';
import { CORE_TOKEN_OVERRIDES } from './token-overrides';

describe('CORE_TOKEN_OVERRIDES', () => {
  it("has one case per token in core's tokens.ts, so a new token cannot ship without one", () => {
    expect(CORE_TOKEN_OVERRIDES.map((c) => c.token).sort()).toEqual(Object.keys(tokens).sort());
  });
});
