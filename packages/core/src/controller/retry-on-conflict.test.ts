import { AlreadyExistsError } from '../errors/already-exists-error';
import { ConflictError } from '../errors/conflict-error';
import { retryOnConflict } from './retry-on-conflict';

const conflict = () => new ConflictError('Binding', 'default/foo', '1', '2');

describe('retryOnConflict', () => {
  it('retries a write that lost a race until it succeeds', async () => {
    let calls = 0;
    const result = await retryOnConflict(async () => {
      calls++;
      if (calls < 3) throw conflict();
      return 'written';
    });
    expect(result).toBe('written');
    expect(calls).toBe(3);
  });

  it('gives up after the given number of attempts with the last conflict', async () => {
    let calls = 0;
    await expect(
      retryOnConflict(
        async () => {
          calls++;
          throw conflict();
        },
        { attempts: 4 },
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(calls).toBe(4);
  });

  it('does not retry other errors unless asked to', async () => {
    let calls = 0;
    const fail = async () => {
      calls++;
      throw new AlreadyExistsError('Cluster', 'm1');
    };
    await expect(retryOnConflict(fail)).rejects.toBeInstanceOf(AlreadyExistsError);
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      retryOnConflict(fail, { attempts: 2, alsoRetry: (e) => e instanceof AlreadyExistsError }),
    ).rejects.toBeInstanceOf(AlreadyExistsError);
    expect(calls).toBe(2);
  });
});
