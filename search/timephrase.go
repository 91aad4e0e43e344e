package search

// Time phrases. Members place their questions in time the way they speak:
// "in the first days of the search", "at the worst point that night", "a
// year later", "months after the fire", "at first". The answer seldom
// says so in those words: it names a date, a day, or nothing at all,
// for the article was written then. Counted as content, such words sink
// the passage that answers: "how many firefighters were out there at the
// worst point that night" has more words of time than of topic. So they
// are optional: a passage holding them gains, one without them loses
// nothing. Months and years stay what parseTimeQualifier makes of them.

// timeUnits are the units a time phrase counts in.
var timeUnits = setOf(
	"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night", "nights",
	"week", "weeks", "weekend", "weekends", "month", "months", "year", "years", "decade", "decades",
)

// partsOfDay are what "that" or "the next" picks out in time.
var partsOfDay = setOf("night", "day", "morning", "evening", "afternoon", "week", "weekend", "time", "year", "month")

// timeCounts count time units: "a year later", "three days after".
var timeCounts = setOf(
	"a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "few", "several", "couple", "some", "many",
)

// timeOrder places a stretch of time: "the first days", "the final hours".
var timeOrder = setOf("first", "last", "early", "earliest", "opening", "final", "next", "following", "previous", "initial", "later", "coming")

// timeAfter follows a count of units to make it relative: "a year later".
var timeAfter = setOf("later", "after", "afterwards", "on", "earlier", "before", "ago", "in")

// timePointers pick out a time: "that night", "the same day".
var timePointers = setOf("that", "this", "same", "next", "following", "previous", "whole", "entire")

// timeExtremes name the worst or best moment: "at the worst point".
var timeExtremes = setOf("worst", "peak", "height", "start", "beginning", "end", "outset", "time", "moment", "point", "first")

// timeAdverbs place a question in time alone.
var timeAdverbs = setOf(
	"later", "afterwards", "afterward", "eventually", "finally", "initially", "ultimately",
	"earlier", "immediately", "soon", "recently", "still", "yet", "already", "now", "ever",
	"meanwhile", "subsequently", "originally",
)

// timePhraseWords reports which of a question's words (lower case) only
// place it in time.
func timePhraseWords(lower []string) map[int]bool {
	out := map[int]bool{}
	at := func(i int) string {
		if i < 0 || i >= len(lower) {
			return ""
		}
		return lower[i]
	}
	for i, w := range lower {
		switch {
		case timeAdverbs[w]:
			out[i] = true
		case timeUnits[w]:
			prev, next := at(i-1), at(i+1)
			// "a year later", "months after the fire", "three days on"
			if timeAfter[next] && (timeCounts[prev] || isNumber(prev) || plural(w)) {
				out[i], out[i+1] = true, true
				if timeCounts[prev] || isNumber(prev) {
					out[i-1] = true
				}
			}
			// "the first days", "the first few hours", "the final couple of weeks"
			j := i - 1
			for at(j) == "few" || at(j) == "couple" || at(j) == "of" {
				j--
			}
			if timeOrder[at(j)] {
				for k := j; k <= i; k++ {
					out[k] = true
				}
			}
			// "that night", "the same day", "the next morning"
			if partsOfDay[w] && timePointers[prev] {
				out[i-1], out[i] = true, true
			}
		case partsOfDay[w] && timePointers[at(i-1)]:
			out[i-1], out[i] = true, true
		case timeExtremes[w] && (at(i-1) == "the" || at(i-1) == "its") && at(i-2) == "at":
			// "at the worst point", "at its peak", "at the start"
			out[i] = true
			if at(i+1) == "point" || at(i+1) == "moment" || at(i+1) == "time" {
				out[i+1] = true
			}
		case partsOfDay[w] && !timeUnits[w] && at(i-1) == "the" && (at(i-2) == "in" || at(i-2) == "during"):
			// "what time in the evening": the answer says "6:50 p.m."
			out[i] = true
		case w == "first" && at(i-1) == "at":
			out[i] = true // "at first"
		case w == "end" && at(i-1) == "the" && at(i-2) == "in":
			out[i] = true // "in the end"
		}
	}
	return out
}

// plural reports whether a time unit is in the plural: "months after"
// is a time phrase without a count, "month after month" is not asked.
func plural(unit string) bool { return len(unit) > 1 && unit[len(unit)-1] == 's' }
