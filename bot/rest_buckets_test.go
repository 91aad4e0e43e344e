package bot

import (
	"fmt"
	"testing"
)

// TestInteractionBucketsBounded: however many interactions the bot answers,
// discordgo keeps a bounded number of rate-limit buckets for them (it never
// forgets a bucket), while different interactions still spread over many
// buckets so their answers go out in parallel.
func TestInteractionBucketsBounded(t *testing.T) {
	routes := []string{"callback", "edit original", "delete original", "followup"}
	all := map[string]bool{}
	for _, route := range routes {
		seen := map[string]bool{}
		for i := range 20_000 {
			token := fmt.Sprintf("aW50ZXJhY3Rpb246MTEwMDAwMDAwMDAwMDAw%07d:tokenpart", i)
			b := interactionBucket(route, token)
			if b != interactionBucket(route, token) {
				t.Fatalf("bucket of %q changes between calls", token)
			}
			seen[b] = true
			all[b] = true
		}
		if len(seen) > interactionShards {
			t.Errorf("%s: %d buckets for 20,000 interactions, want at most %d", route, len(seen), interactionShards)
		}
		if len(seen) < interactionShards/2 {
			t.Errorf("%s: only %d buckets: answers to different interactions would queue behind each other", route, len(seen))
		}
	}
	if len(all) > len(routes)*interactionShards {
		t.Errorf("%d buckets in all", len(all))
	}
}
