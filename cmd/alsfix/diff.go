package main

import (
	"fmt"
	"strconv"
	"strings"
)

// minimizeDiff rewrites each hunk of a unified diff as a minimal line
// diff of the same old and new lines. The driver's -diff works on
// characters and widens each change to whole lines, so an inserted line
// that starts where another ends shows that unchanged line as removed and
// added again; a line diff shows it as context.
func minimizeDiff(diff string) string {
	lines := strings.SplitAfter(diff, "\n")
	var out strings.Builder
	for i := 0; i < len(lines); {
		oldN, newN, ok := hunkHeader(lines[i])
		if !ok {
			out.WriteString(lines[i])
			i++
			continue
		}
		out.WriteString(lines[i])
		i++
		var old, new []string
		var body []string
		keep := false // leave the hunk as it is
		for i < len(lines) && (oldN > 0 || newN > 0 || strings.HasPrefix(lines[i], `\`)) {
			l := lines[i]
			body = append(body, l)
			switch {
			case strings.HasPrefix(l, " "):
				old, new = append(old, l[1:]), append(new, l[1:])
				oldN, newN = oldN-1, newN-1
			case strings.HasPrefix(l, "-"):
				old = append(old, l[1:])
				oldN--
			case strings.HasPrefix(l, "+"):
				new = append(new, l[1:])
				newN--
			case strings.HasPrefix(l, `\`):
				keep = true // "\ No newline at end of file"
			default:
				oldN, newN = 0, 0 // not a hunk line: give up on this hunk
				keep = true
			}
			i++
		}
		if keep || oldN != 0 || newN != 0 {
			out.WriteString(strings.Join(body, ""))
			continue
		}
		out.WriteString(lineDiff(old, new))
	}
	return out.String()
}

// hunkHeader parses "@@ -a,b +c,d @@" and returns b and d.
func hunkHeader(line string) (oldN, newN int, ok bool) {
	rest, found := strings.CutPrefix(line, "@@ -")
	if !found {
		return 0, 0, false
	}
	ranges, _, found := strings.Cut(rest, " @@")
	if !found {
		return 0, 0, false
	}
	o, n, found := strings.Cut(ranges, " +")
	if !found {
		return 0, 0, false
	}
	count := func(r string) (int, bool) {
		_, c, has := strings.Cut(r, ",")
		if !has {
			return 1, true
		}
		v, err := strconv.Atoi(c)
		return v, err == nil
	}
	oldN, ok1 := count(o)
	newN, ok2 := count(n)
	return oldN, newN, ok1 && ok2
}

// lineDiff is the minimal diff of old and new, by longest common
// subsequence, with each run of removals before its additions.
func lineDiff(old, new []string) string {
	n, m := len(old), len(new)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if old[i] == new[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var b strings.Builder
	var adds []string
	flush := func() {
		for _, a := range adds {
			fmt.Fprintf(&b, "+%s", a)
		}
		adds = adds[:0]
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && old[i] == new[j]:
			flush()
			fmt.Fprintf(&b, " %s", old[i])
			i, j = i+1, j+1
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			adds = append(adds, new[j])
			j++
		default:
			fmt.Fprintf(&b, "-%s", old[i])
			i++
		}
	}
	flush()
	return b.String()
}
