// Package feedtest holds what tests of feed stores share: MemStore, an
// in-memory feed.Store, and TestStore, the contract every feed.Store
// implementation must pass.
package feedtest
