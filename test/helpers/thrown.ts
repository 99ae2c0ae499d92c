import {expect} from 'vitest'
import {UserError} from '../../src/core/errors.js'

/** The UserError that `fn` throws; fails the test when it throws nothing or something else. */
export function thrown(fn: () => unknown): UserError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return error as UserError
  }
  expect.fail('expected a UserError, but nothing was thrown')
}
