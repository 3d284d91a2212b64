import { closest, didYouMean } from './closest';

describe('closest', () => {
  const fields = ['seed', 'duration', 'clusters', 'workloads', 'events', 'startupSeconds'];

  it.each<{ name: string; word: string; candidates?: string[]; want: string | undefined }>([
    { name: 'a letter missing', word: 'sed', want: 'seed' },
    { name: 'a letter too many', word: 'clustters', want: 'clusters' },
    { name: 'two letters swapped', word: 'duartion', want: 'duration' },
    { name: 'a letter missing from a long word', word: 'startupSecnds', want: 'startupSeconds' },
    { name: 'another case', word: 'Workloads', want: 'workloads' },
    { name: 'nothing near', word: 'colour', want: undefined },
    { name: 'a short word two letters off', word: 'xy', candidates: ['ab'], want: undefined },
    { name: 'a one-letter word', word: 'c', candidates: ['a', 'b'], want: undefined },
    { name: 'a one-letter word in another case', word: 'A', candidates: ['a', 'b'], want: 'a' },
    {
      name: 'the word itself is no suggestion',
      word: 'seed',
      candidates: ['seed'],
      want: undefined,
    },
    {
      name: 'a tie goes to the candidate that sorts first',
      word: 'cat',
      candidates: ['cut', 'cap'],
      want: 'cap',
    },
  ])('$name: $word → $want', ({ word, candidates, want }) => {
    expect(closest(word, candidates ?? fields)).toBe(want);
  });

  it('didYouMean says the hint, or nothing', () => {
    expect(didYouMean('sed', ['seed'])).toBe('; did you mean "seed"?');
    expect(didYouMean('colour', ['seed'])).toBe('');
  });
});
