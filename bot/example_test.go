package bot

import (
	"context"
	"fmt"
)

func ExampleBot_Handle() {
	b := New(Config{Coverage: &fakeCoverage{}, Cooldown: -1})
	reply := b.Handle(context.Background(), Interaction{
		Kind:    KindCommand,
		Command: "ask",
		Options: map[string]string{"question": "What did the mayor say about the bridge?"},
		UserID:  "42",
	})
	answer := reply.Embeds[0].Fields[0]
	fmt.Println(answer.Name)
	fmt.Println(answer.Value)
	fmt.Println(reply.Embeds[0].Footer)
	// Output:
	// 1. Ana Ruiz
	// “The bridge will reopen before the spring floods, and not a day later.”
	// — [Valley Post](https://valleypost.example/news/1), 5 Mar 2031 · *article truncated by paywall*
	// — [Harbor Times](https://harbortimes.example/bridge), 4 Mar 2031
	// Searched 3 articles from 2 outlets
}

func ExampleTruncate() {
	fmt.Println(Truncate("The bridge will reopen before the spring floods", 30))
	fmt.Println(Truncate("👍👍👍👍👍", 3))
	// Output:
	// The bridge will reopen before…
	// 👍👍…
}
