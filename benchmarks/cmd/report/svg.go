package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Point is one measurement of a Series.
type Point struct{ X, Y float64 }

// Series is one line of a Chart.
type Series struct {
	Name   string
	Color  string // any SVG colour
	Dashed bool
	Points []Point
}

// Chart is a line chart with a logarithmic x axis and a linear y axis
// from zero, drawn as a self-contained SVG.
type Chart struct {
	Title, XLabel, YLabel string
	Series                []Series
}

// ErrNoData is returned by Chart.SVG when there is nothing to draw.
var ErrNoData = errors.New("report: chart has no points with x > 0")

// Geometry of the picture, in SVG user units.
const (
	chartW, chartH = 780.0, 440.0
	padL, padR     = 72.0, 220.0 // the legend lives in the right margin
	padT, padB     = 48.0, 64.0
)

// SVG draws the chart.
func (c Chart) SVG() ([]byte, error) {
	minX, maxX, maxY := math.Inf(1), math.Inf(-1), 0.0
	for _, s := range c.Series {
		for _, p := range s.Points {
			if p.X <= 0 {
				continue
			}
			minX, maxX, maxY = math.Min(minX, p.X), math.Max(maxX, p.X), math.Max(maxY, p.Y)
		}
	}
	if math.IsInf(minX, 1) {
		return nil, ErrNoData
	}
	lo, hi := math.Floor(math.Log10(minX)), math.Ceil(math.Log10(maxX))
	if hi == lo {
		hi = lo + 1
	}
	step := niceStep(maxY * 1.1)
	top := math.Max(step, math.Ceil(maxY*1.1/step)*step)

	plotW, plotH := chartW-padL-padR, chartH-padT-padB
	x := func(v float64) float64 { return padL + (math.Log10(v)-lo)/(hi-lo)*plotW }
	y := func(v float64) float64 { return padT + plotH - v/top*plotH }

	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%g" height="%g" viewBox="0 0 %g %g" font-family="Helvetica, Arial, sans-serif" font-size="13">`+"\n",
		chartW, chartH, chartW, chartH)
	fmt.Fprintf(&b, `<rect width="%g" height="%g" fill="white"/>`+"\n", chartW, chartH)
	text(&b, padL+plotW/2, 26, "middle", `font-size="16" font-weight="bold"`, c.Title)

	// Grid and ticks.
	for k := lo; k <= hi; k++ {
		px := x(math.Pow(10, k))
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#e3e3e3"/>`+"\n", px, padT, px, padT+plotH)
		text(&b, px, padT+plotH+18, "middle", "", countLabel(int(math.Round(math.Pow(10, k)))))
	}
	decimals := max(0, int(-math.Floor(math.Log10(step))))
	for i := 0; float64(i)*step <= top+step/2; i++ {
		v := float64(i) * step
		py := y(v)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#e3e3e3"/>`+"\n", padL, py, padL+plotW, py)
		text(&b, padL-8, py+4, "end", "", strconv.FormatFloat(v, 'f', decimals, 64))
	}
	fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%g" height="%g" fill="none" stroke="#888"/>`+"\n", padL, padT, plotW, plotH)
	text(&b, padL+plotW/2, chartH-18, "middle", "", c.XLabel)
	fmt.Fprintf(&b, `<text x="18" y="%.1f" text-anchor="middle" transform="rotate(-90 18 %.1f)">%s</text>`+"\n",
		padT+plotH/2, padT+plotH/2, escape(c.YLabel))

	// Lines, markers and legend.
	for i, s := range c.Series {
		var pts []string
		for _, p := range s.Points {
			if p.X > 0 {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(p.X), y(p.Y)))
			}
		}
		dash := ""
		if s.Dashed {
			dash = ` stroke-dasharray="6 4"`
		}
		if len(pts) > 0 {
			fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2.5"%s points="%s"/>`+"\n",
				escape(s.Color), dash, strings.Join(pts, " "))
		}
		for _, p := range s.Points {
			if p.X > 0 {
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="4" fill="%s"><title>%s: %s ns/op at %s goroutines</title></circle>`+"\n",
					x(p.X), y(p.Y), escape(s.Color), escape(s.Name), formatNumber(p.Y), countLabel(int(p.X)))
			}
		}
		ly := padT + 14 + float64(i)*24
		lx := padL + plotW + 18
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="2.5"%s/>`+"\n",
			lx, ly, lx+28, ly, escape(s.Color), dash)
		text(&b, lx+36, ly+4, "start", "", s.Name)
	}
	b.WriteString("</svg>\n")
	return b.Bytes(), nil
}

// niceStep is a grid step of 1, 2 or 5 times a power of ten that cuts
// 0..max into about five parts.
func niceStep(max float64) float64 {
	if max <= 0 {
		return 1
	}
	raw := max / 5
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

func text(b *bytes.Buffer, x, y float64, anchor, attrs, s string) {
	if attrs != "" {
		attrs = " " + attrs
	}
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="%s"%s>%s</text>`+"\n", x, y, anchor, attrs, escape(s))
}

func escape(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s)) // writing to a bytes.Buffer cannot fail
	return b.String()
}

// ScaleChart is the picture of BenchmarkScale: Get cost against the
// number of live goroutines holding a store, for als, routine and
// context.Value.
func ScaleChart(set *Set) Chart {
	lines := []struct{ bench, name, color string }{
		{"als", "als GetStore", "#1f6feb"},
		{"routine", "routine ITL.Get", "#d1242f"},
		{"ctx-depth3", "context.Value, depth 3", "#57606a"},
	}
	c := Chart{
		Title:  "Get cost vs live goroutines holding a store",
		XLabel: "live goroutines, each holding a store (log scale)",
		YLabel: "ns per Get (median)",
	}
	for _, l := range lines {
		s := Series{Name: l.name, Color: l.color, Dashed: l.bench == "ctx-depth3"}
		for _, n := range scaleSizes {
			if v, ok := set.Median("Scale/n="+strconv.Itoa(n)+"/"+l.bench, "ns/op"); ok {
				s.Points = append(s.Points, Point{float64(n), v})
			}
		}
		c.Series = append(c.Series, s)
	}
	return c
}
