// Package feedtest holds the contract every feed.Store implementation
// must pass: TestStore. feed.MemStore, feedbolt and the stores to come run
// it from their own tests.
package feedtest
