package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// StoreFile is the store's file name inside the index folder. The index
// only ever resets its own files, so the store survives an index rebuild.
const StoreFile = "bot.db"

// StorePath returns where the store of the index in indexDir lives.
func StorePath(indexDir string) string { return filepath.Join(indexDir, StoreFile) }

// The store's buckets. Values are JSON so the file can be inspected with
// any bbolt tool and read by later versions.
var (
	bucketSubscriptions = []byte("subscriptions") // guild \x00 channel -> Subscription
	bucketQAChannels    = []byte("qa-channels")   // guild -> channel id
	bucketLedger        = []byte("digest-ledger") // guild \x00 channel \x00 day -> DigestPost
)

// Store keeps what the bot must not forget across restarts: digest
// subscriptions, per-server settings and the ledger of digest posts. It is
// an embedded bbolt file: every change is one fsynced transaction, so a
// crash (even SIGKILL) leaves either the old or the new state, never half.
type Store struct {
	db *bolt.DB
}

// ErrStoreInUse is returned when another process holds the store open.
var ErrStoreInUse = errors.New("bot: store in use by another process")

// OpenStore opens (creating when missing) the store at path.
func OpenStore(path string) (*Store, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("open store %s: %w: stop the other coveragebot or use another --index folder", path, ErrStoreInUse)
		}
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketSubscriptions, bucketQAChannels, bucketLedger} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("prepare store %s: %w", path, err)
	}
	return &Store{db: db}, nil
}

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// NoNews says what a subscription posts on a day with no new coverage.
type NoNews string

// What to post when nothing is new.
const (
	NoNewsNote   NoNews = "note"   // a one-line note
	NoNewsSilent NoNews = "silent" // nothing
)

// Subscription is one channel's daily digest.
type Subscription struct {
	GuildID   string `json:"guild_id"`
	ChannelID string `json:"channel_id"`
	// Hour and Minute are the local posting time in Timezone (IANA name).
	Hour     int    `json:"hour"`
	Minute   int    `json:"minute"`
	Timezone string `json:"timezone"`
	NoNews   NoNews `json:"no_news"`
	// Created is when the channel subscribed. Changing the subscription
	// keeps it, so the next digest continues where the last one ended
	// however long ago that was; only a subscription made after an
	// unsubscribe is new.
	Created   time.Time `json:"created"`
	CreatedBy string    `json:"created_by,omitempty"`
	// Changed is when the subscription was made or last changed: no digest
	// is due for a posting time before it. Stores written before it existed
	// have none; their Created was that time.
	Changed time.Time `json:"changed,omitzero"`
}

// LastChange is when sub was made or last changed.
func (s Subscription) LastChange() time.Time {
	if s.Changed.IsZero() {
		return s.Created
	}
	return s.Changed
}

// Key identifies the subscription in the store and the ledger.
func (s Subscription) Key() string { return s.GuildID + "\x00" + s.ChannelID }

// Location returns the subscription's time zone.
func (s Subscription) Location() (*time.Location, error) {
	loc, err := time.LoadLocation(s.Timezone)
	if err != nil {
		return nil, fmt.Errorf("subscription of channel %s: time zone %q: %w", s.ChannelID, s.Timezone, err)
	}
	return loc, nil
}

// Subscribe adds or replaces the subscription of sub's channel. sub.Created
// is when this change is made (and Changed, when zero, is set to it); a
// subscription replaced keeps its own Created, so changing the time or the
// no-news choice, even days after the last digest, neither repeats nor
// skips coverage.
func (s *Store) Subscribe(ctx context.Context, sub Subscription) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if sub.Changed.IsZero() {
		sub.Changed = sub.Created
	}
	return s.update("save subscription", func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSubscriptions)
		if v := b.Get([]byte(sub.Key())); v != nil {
			var old Subscription
			if err := json.Unmarshal(v, &old); err == nil && !old.Created.IsZero() {
				sub.Created, sub.CreatedBy = old.Created, old.CreatedBy
			}
		}
		data, err := json.Marshal(sub)
		if err != nil {
			return err
		}
		return b.Put([]byte(sub.Key()), data)
	})
}

// Unsubscribe removes a channel's subscription and reports whether there
// was one.
func (s *Store) Unsubscribe(ctx context.Context, guildID, channelID string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	found := false
	key := []byte(Subscription{GuildID: guildID, ChannelID: channelID}.Key())
	err := s.update("remove subscription", func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSubscriptions)
		found = b.Get(key) != nil
		return b.Delete(key)
	})
	return found, err
}

// Subscriptions returns every subscription, or a guild's when guildID is
// not "", ordered by guild then channel.
func (s *Store) Subscriptions(ctx context.Context, guildID string) ([]Subscription, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var subs []Subscription
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketSubscriptions).Cursor()
		prefix := []byte(nil)
		if guildID != "" {
			prefix = []byte(guildID + "\x00")
		}
		for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
			var sub Subscription
			if err := json.Unmarshal(v, &sub); err != nil {
				return fmt.Errorf("subscription %q: %w", k, err)
			}
			subs = append(subs, sub)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read subscriptions: %w", err)
	}
	return subs, nil
}

// Subscription returns one channel's subscription.
func (s *Store) Subscription(ctx context.Context, guildID, channelID string) (Subscription, bool, error) {
	subs, err := s.Subscriptions(ctx, guildID)
	if err != nil {
		return Subscription{}, false, err
	}
	for _, sub := range subs {
		if sub.ChannelID == channelID {
			return sub, true, nil
		}
	}
	return Subscription{}, false, nil
}

// QAChannel implements Settings.
func (s *Store) QAChannel(ctx context.Context, guildID string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	var ch string
	err := s.db.View(func(tx *bolt.Tx) error {
		ch = string(tx.Bucket(bucketQAChannels).Get([]byte(guildID)))
		return nil
	})
	return ch, err
}

// SetQAChannel implements Settings.
func (s *Store) SetQAChannel(ctx context.Context, guildID, channelID string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.update("save question channel", func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketQAChannels)
		if channelID == "" {
			return b.Delete([]byte(guildID))
		}
		return b.Put([]byte(guildID), []byte(channelID))
	})
}

// AnyQAChannel implements Settings.
func (s *Store) AnyQAChannel(ctx context.Context) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	found := false
	err := s.db.View(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketQAChannels).Cursor().First()
		found = k != nil
		return nil
	})
	return found, err
}

// PostState is where a digest post stands.
type PostState string

// Digest post states, in the order a post goes through them.
const (
	// PostIntent is recorded before anything is sent: the post's parts may
	// or may not have reached Discord.
	PostIntent PostState = "intent"
	// PostSent means every part is in the channel (or, on a day with no
	// news and a silent subscription, that there was nothing to send).
	PostSent PostState = "sent"
)

// DigestPost is the ledger entry of one subscription's digest for one
// local day.
type DigestPost struct {
	GuildID   string `json:"guild_id"`
	ChannelID string `json:"channel_id"`
	// Day is the local date of the posting time, "2006-01-02".
	Day string `json:"day"`
	// Slot is the posting time the digest is for.
	Slot time.Time `json:"slot"`
	// Since and Until bound the articles the digest covers (first seen),
	// fixed when the intent is first recorded, so a resend rebuilds the
	// same digest.
	Since time.Time `json:"since"`
	Until time.Time `json:"until"`
	State PostState `json:"state"`
	// Messages are the ids of the parts already in the channel, in order,
	// so a resumed post sends only the rest.
	Messages []string `json:"messages,omitempty"`
	// Attempts counts failed sends; LastError and NextTry say why and when
	// it is tried again. A sent post with a LastError was given up on a
	// part Discord may or may not have posted (ErrMaybePosted).
	Attempts  int       `json:"attempts,omitempty"`
	LastError string    `json:"last_error,omitempty"`
	NextTry   time.Time `json:"next_try,omitzero"`
	Updated   time.Time `json:"updated"`
}

func ledgerKey(guildID, channelID, day string) []byte {
	return []byte(guildID + "\x00" + channelID + "\x00" + day)
}

// PutPost writes a ledger entry.
func (s *Store) PutPost(ctx context.Context, p DigestPost) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	data, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("save digest ledger: %w", err)
	}
	return s.update("save digest ledger", func(tx *bolt.Tx) error {
		return tx.Bucket(bucketLedger).Put(ledgerKey(p.GuildID, p.ChannelID, p.Day), data)
	})
}

// Post returns the ledger entry of a channel's digest for a local day.
func (s *Store) Post(ctx context.Context, guildID, channelID, day string) (DigestPost, bool, error) {
	if err := ctx.Err(); err != nil {
		return DigestPost{}, false, err
	}
	var p DigestPost
	found := false
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketLedger).Get(ledgerKey(guildID, channelID, day))
		if v == nil {
			return nil
		}
		found = true
		return json.Unmarshal(v, &p)
	})
	if err != nil {
		return DigestPost{}, false, fmt.Errorf("read digest ledger: %w", err)
	}
	return p, found, nil
}

// Posts returns a channel's ledger entries, latest day first.
func (s *Store) Posts(ctx context.Context, guildID, channelID string) ([]DigestPost, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var posts []DigestPost
	prefix := []byte(guildID + "\x00" + channelID + "\x00")
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketLedger).Cursor()
		for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
			var p DigestPost
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("ledger entry %q: %w", k, err)
			}
			posts = append(posts, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read digest ledger: %w", err)
	}
	sort.Slice(posts, func(i, j int) bool { return posts[i].Day > posts[j].Day })
	return posts, nil
}

// LastSent returns a channel's latest digest that was fully sent.
func (s *Store) LastSent(ctx context.Context, guildID, channelID string) (DigestPost, bool, error) {
	posts, err := s.Posts(ctx, guildID, channelID)
	if err != nil {
		return DigestPost{}, false, err
	}
	for _, p := range posts {
		if p.State == PostSent {
			return p, true, nil
		}
	}
	return DigestPost{}, false, nil
}

// PruneLedger drops ledger entries for posting times before before, so the
// file does not grow forever; the latest sent entry of each channel stays
// whatever its age, as the next digest starts where it ended.
func (s *Store) PruneLedger(ctx context.Context, before time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return s.update("prune digest ledger", func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLedger)
		latest := make(map[string]string) // channel prefix -> latest sent day key
		var old [][]byte
		err := b.ForEach(func(k, v []byte) error {
			var p DigestPost
			if err := json.Unmarshal(v, &p); err != nil {
				return nil // unreadable entries are dropped below with the old ones
			}
			ch := p.GuildID + "\x00" + p.ChannelID
			if p.State == PostSent && string(k) > latest[ch] {
				latest[ch] = string(k)
			}
			if p.Slot.Before(before) {
				old = append(old, append([]byte(nil), k...))
			}
			return nil
		})
		if err != nil {
			return err
		}
		keep := make(map[string]bool)
		for _, k := range latest {
			keep[k] = true
		}
		for _, k := range old {
			if !keep[string(k)] {
				if err := b.Delete(k); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func (s *Store) update(what string, f func(tx *bolt.Tx) error) error {
	if err := s.db.Update(f); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func hasPrefix(k, prefix []byte) bool {
	return len(k) >= len(prefix) && string(k[:len(prefix)]) == string(prefix)
}
