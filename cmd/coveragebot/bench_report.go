package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"
)

// machine describes where a benchmark ran.
type machine struct {
	CPU         string
	CPUs        int
	MemoryBytes int64
	GoVersion   string
}

func numCPU() int       { return runtime.NumCPU() }
func goVersion() string { return runtime.Version() }

type benchReportHeader struct {
	Command    string
	Machine    machine
	LoadBefore string
}

// Targets from the performance issue, for a 2-core machine at 100k articles.
const (
	targetAskP50MS         = 5
	targetAskP99MS         = 30
	targetAskVsPlain       = 2    // never slower than 2× plain bleve
	targetBuildVsPlain     = 0.25 // at least a quarter of plain bleve's articles/s
	targetBuildPerSecond   = 1000
	targetIncrementalShare = 0.05
	targetOpenSeconds      = 1
	targetServeRSS         = 1 << 30
)

// writeBenchReport prints the whole report as markdown, so BENCHMARKS.md
// can include it verbatim.
func writeBenchReport(w io.Writer, h benchReportHeader, reports []*sizeReport) {
	writeBenchHeader(w, h)
	for _, r := range reports {
		writeSizeTable(w, r)
	}
}

// writeBenchHeader prints what ran where; the size tables follow.
func writeBenchHeader(w io.Writer, h benchReportHeader) {
	m := h.Machine
	fmt.Fprintf(w, "Command: `%s`\n\n", strings.TrimSpace(h.Command))
	if m.CPUs > 0 { // unknown when a report is printed again from results.json
		fmt.Fprintf(w, "Machine: %d CPUs (%s), %.1f GiB memory, %s; load average %s at the start.\n\n",
			m.CPUs, orUnknown(m.CPU), float64(m.MemoryBytes)/(1<<30), m.GoVersion, h.LoadBefore)
	}
	fmt.Fprintln(w, "Ratio is coveragebot ÷ plain bleve (each article one document, default mapping, match query with highlighting, batches of 1,000; its indexing times leave reading the files out, coveragebot's include reading, cleaning and quote extraction). Targets are the issue's, for 100k articles on 2 cores. CPU time is user + system time of the phase's process: on a shared machine it drifts less than wall time.")
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown CPU"
	}
	return s
}

func writeSizeTable(w io.Writer, r *sizeReport) {
	ours, plain := 0, 1
	fmt.Fprintf(w, "\n### %s articles\n\n", thousands(r.Articles))
	if r.LoadAfter != "" {
		fmt.Fprintf(w, "Load average when done: %s.\n\n", r.LoadAfter)
	}
	fmt.Fprintf(w, "%s files, %.1f MB (%s bytes/article), generated in %s; %d questions, %d timed passes each after a warm-up; incremental update changes %d files.\n\n",
		thousands(r.Files), float64(r.Bytes)/1e6, thousands(int(r.Bytes)/max(1, r.Articles)), seconds(r.GenSeconds),
		r.Questions, r.Rounds, r.Changed)
	fmt.Fprintln(w, "| measure | coveragebot | plain bleve | ratio | target | |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---|---|")
	row := func(name, a, b, ratio, target string, ok *bool) {
		verdict := ""
		if ok != nil {
			verdict = "missed"
			if *ok {
				verdict = "met"
			}
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", name, a, b, ratio, target, verdict)
	}
	check := func(b bool) *bool { return &b }

	cleanMBs := mbPerSecond(r.Clean.Bytes, r.Clean.Seconds)
	readMBs := mbPerSecond(r.Read.Bytes, r.Read.Seconds)
	row("read + clean, MB/s (plain bleve: read only)", fmt.Sprintf("%.1f", cleanMBs), fmt.Sprintf("%.1f", readMBs), ratio(cleanMBs, readMBs), "", nil)

	b0, b1 := r.Build[ours], r.Build[plain]
	aps0, aps1 := perSecond(b0.Articles, b0.Seconds), perSecond(b1.Articles, b1.Seconds)
	row("full build, articles/s", thousands(int(aps0)), thousands(int(aps1)), ratio(aps0, aps1),
		"≥ ¼ plain", check(aps0 >= targetBuildVsPlain*aps1))
	row("", "", "", "", fmt.Sprintf("≥ %s", thousands(targetBuildPerSecond)), check(aps0 >= targetBuildPerSecond))
	row("full build, passages/s", thousands(int(perSecond(b0.Passages, b0.Seconds))), "—", "", "", nil)
	row("full build, time", seconds(b0.Seconds), seconds(b1.Seconds), ratio(b0.Seconds, b1.Seconds), "", nil)
	row("full build, CPU time (plain bleve: reading included)", seconds(b0.CPUSeconds), seconds(b1.CPUSeconds), ratio(b0.CPUSeconds, b1.CPUSeconds), "", nil)
	cps0, cps1 := perSecond(b0.Articles, b0.CPUSeconds), perSecond(b1.Articles, b1.CPUSeconds)
	row("full build, articles per CPU-second", thousands(int(cps0)), thousands(int(cps1)), ratio(cps0, cps1), "", nil)
	row("articles / passages / quotes indexed", fmt.Sprintf("%s / %s / %s", thousands(b0.Articles), thousands(b0.Passages), thousands(b0.Quotes)), thousands(b1.Articles), "", "", nil)
	if b0.IndexedArticles > b0.Articles {
		row("… articles / passages written, re-cleaning after the boilerplate model changed included", fmt.Sprintf("%s / %s", thousands(b0.IndexedArticles), thousands(b0.IndexedPassages)), "", "", "", nil)
	}

	u0, u1 := r.Update[ours], r.Update[plain]
	row(fmt.Sprintf("incremental update (%d files changed), time", r.Changed), seconds(u0.Seconds), seconds(u1.Seconds), ratio(u0.Seconds, u1.Seconds), "", nil)
	row("incremental update, articles / passages re-indexed", fmt.Sprintf("%s / %s", thousands(u0.IndexedArticles), thousands(u0.IndexedPassages)), thousands(u1.IndexedArticles), "", "", nil)
	uaps0, uaps1 := perSecond(u0.IndexedArticles, u0.Seconds), perSecond(u1.IndexedArticles, u1.Seconds)
	row("incremental update, articles/s", thousands(int(uaps0)), thousands(int(uaps1)), ratio(uaps0, uaps1), "", nil)
	row("incremental update, passages/s", thousands(int(perSecond(u0.IndexedPassages, u0.Seconds))), "—", "", "", nil)
	share0, share1 := u0.Seconds/max(b0.Seconds, 1e-9), u1.Seconds/max(b1.Seconds, 1e-9)
	row("incremental ÷ full build", percent(share0), percent(share1), "", "≤ 5%", check(share0 <= targetIncrementalShare))
	cshare0, cshare1 := u0.CPUSeconds/max(b0.CPUSeconds, 1e-9), u1.CPUSeconds/max(b1.CPUSeconds, 1e-9)
	row("incremental ÷ full build, CPU time", percent(cshare0), percent(cshare1), "", "", nil)

	per0, per1 := float64(r.IndexBytes[ours])/float64(max(1, b0.Articles)), float64(r.IndexBytes[plain])/float64(max(1, b1.Articles))
	row("index size on disk per article, after the build", bytesize(per0), bytesize(per1), ratio(per0, per1), "", nil)
	if r.IndexBytesLater[ours] > 0 {
		l0, l1 := float64(r.IndexBytesLater[ours])/float64(max(1, b0.Articles)), float64(r.IndexBytesLater[plain])/float64(max(1, b1.Articles))
		row("… after the update and serving", bytesize(l0), bytesize(l1), ratio(l0, l1), "", nil)
	}

	s0, s1 := r.Serve[ours], r.Serve[plain]
	row("open existing index", seconds(s0.OpenSeconds), seconds(s1.OpenSeconds), ratio(s0.OpenSeconds, s1.OpenSeconds), "≤ 1 s", check(s0.OpenSeconds <= targetOpenSeconds))
	l0, l1 := s0.LatencyMS, s1.LatencyMS
	row("ask p50 (warm)", millis(l0.P50), millis(l1.P50), ratio(l0.P50, l1.P50), "≤ 5 ms, ≤ 2× plain", check(l0.P50 <= targetAskP50MS && l0.P50 <= targetAskVsPlain*l1.P50))
	row("ask p95 (warm)", millis(l0.P95), millis(l1.P95), ratio(l0.P95, l1.P95), "≤ 2× plain", check(l0.P95 <= targetAskVsPlain*l1.P95))
	row("ask p99 (warm)", millis(l0.P99), millis(l1.P99), ratio(l0.P99, l1.P99), "≤ 30 ms, ≤ 2× plain", check(l0.P99 <= targetAskP99MS && l0.P99 <= targetAskVsPlain*l1.P99))
	cpq0, cpq1 := cpuPerQuestion(s0, r.Rounds), cpuPerQuestion(s1, r.Rounds)
	if cpq0 > 0 && cpq1 > 0 {
		row("ask, CPU per question (mean of the timed passes)", millis(cpq0), millis(cpq1), ratio(cpq0, cpq1), "", nil)
	}
	row("answerable questions with an answer", fmt.Sprintf("%d of %d", s0.Answered, s0.Answerable), fmt.Sprintf("%d of %d", s1.Answered, s1.Answerable), "", "", nil)
	row("… whose top answer holds the expected words (plain bleve: anywhere in the top article)", fmt.Sprintf("%d of %d", s0.TopHolds, s0.Answerable), fmt.Sprintf("%d of %d", s1.TopHolds, s1.Answerable), "", "", nil)
	row("unanswerable questions answered with nothing", fmt.Sprintf("%d of %d", s0.EmptyForNone, s0.None), fmt.Sprintf("%d of %d", s1.EmptyForNone, s1.None), "", "", nil)
	row("peak RSS, full build", bytesize(float64(b0.MaxRSS)), bytesize(float64(b1.MaxRSS)), ratio(float64(b0.MaxRSS), float64(b1.MaxRSS)), "", nil)
	row("peak RSS, serving", bytesize(float64(s0.MaxRSS)), bytesize(float64(s1.MaxRSS)), ratio(float64(s0.MaxRSS), float64(s1.MaxRSS)), "≤ 1 GiB", check(s0.MaxRSS <= targetServeRSS))
	if d := r.Digest; d.Articles > 0 {
		row("digest: every article grouped into stories, time", seconds(d.Seconds), "—", "", "", nil)
		row("… stories / largest story, articles", fmt.Sprintf("%s / %s", thousands(d.Stories), thousands(d.LargestStory)), "—", "", "", nil)
		row("… peak RSS", bytesize(float64(d.MaxRSS)), "—", "", "", nil)
	}
}

// cpuPerQuestion is the serving process's CPU time, in milliseconds, per
// timed question (garbage collection and bleve's goroutines included).
// Unlike latency it hardly moves when other jobs take the CPU.
func cpuPerQuestion(s phaseResult, rounds int) float64 {
	asked := s.Asked * max(rounds, 1)
	if asked == 0 {
		return 0
	}
	return s.AskCPUSeconds * 1000 / float64(asked)
}

func perSecond(n int, s float64) float64 {
	if s <= 0 {
		return 0
	}
	return float64(n) / s
}

func mbPerSecond(b int64, s float64) float64 {
	if s <= 0 {
		return 0
	}
	return float64(b) / 1e6 / s
}

func ratio(a, b float64) string {
	if b == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func percent(f float64) string { return fmt.Sprintf("%.1f%%", 100*f) }

func seconds(s float64) string {
	switch {
	case s >= 10:
		return fmt.Sprintf("%.0f s", s)
	case s >= 1:
		return fmt.Sprintf("%.2f s", s)
	default:
		return fmt.Sprintf("%.0f ms", s*1000)
	}
}

func millis(ms float64) string {
	if ms >= 10 {
		return fmt.Sprintf("%.1f ms", ms)
	}
	return fmt.Sprintf("%.2f ms", ms)
}

func bytesize(b float64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.2f GiB", b/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.0f MiB", b/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KiB", b/(1<<10))
	default:
		return fmt.Sprintf("%.0f B", b)
	}
}

// thousands writes n with comma separators.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
