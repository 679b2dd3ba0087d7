package main

import (
	"bytes"
	"errors"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// chartFormat is the picture's format; a variable so that a test can look at it as PNG.
var chartFormat = "svg"

// ErrNoData is returned by ScaleChart when the run has no Scale
// benchmarks to draw.
var ErrNoData = errors.New("report: no Scale benchmarks to draw")

// scaleLine is one line of the picture.
type scaleLine struct {
	bench, name string
	color       color.RGBA
	dashed      bool
}

var scaleLines = []scaleLine{
	{"als", "als GetStore", color.RGBA{0x1f, 0x6f, 0xeb, 0xff}, false},
	{"routine", "routine ITL.Get", color.RGBA{0xd1, 0x24, 0x2f, 0xff}, false},
	{"ctx-depth3", "context.Value, depth 3", color.RGBA{0x57, 0x60, 0x6a, 0xff}, true},
}

// pointsWithErrors is a line's medians with their confidence intervals,
// for plotter.NewYErrorBars.
type pointsWithErrors struct {
	plotter.XYs
	plotter.YErrors
}

// ScaleChart draws BenchmarkScale as an SVG: the median cost of a Get
// against the number of live goroutines holding a store (log scale), for
// als, routine and context.Value, each median with its 95% interval as
// an error bar.
func ScaleChart(s *Samples) ([]byte, error) {
	p := plot.New()
	p.Title.Text = "Get cost vs live goroutines holding a store"
	p.X.Label.Text = "live goroutines, each holding a store (log scale)"
	p.Y.Label.Text = "ns per Get (median, 95% interval)"
	p.X.Scale = plot.LogScale{}
	var ticks plot.ConstantTicks
	for _, n := range scaleSizes {
		ticks = append(ticks, plot.Tick{Value: float64(n), Label: countLabel(n)})
	}
	p.X.Tick.Marker = ticks
	p.Y.Min = 0
	p.Legend.Top, p.Legend.Left = true, true
	p.Add(plotter.NewGrid())

	drawn, top := 0, 0.0
	for _, l := range scaleLines {
		var pts pointsWithErrors
		for _, n := range scaleSizes {
			iv := s.Summary("Scale/n="+strconv.Itoa(n)+"/"+l.bench, "ns/op")
			if !iv.ok {
				continue
			}
			pts.XYs = append(pts.XYs, plotter.XY{X: float64(n), Y: iv.Center})
			lo, hi := iv.Center-iv.Lo, iv.Hi-iv.Center
			if math.IsInf(lo, 0) || math.IsInf(hi, 0) { // too few runs for an interval
				lo, hi = 0, 0
			}
			pts.YErrors = append(pts.YErrors, struct{ Low, High float64 }{lo, hi})
			top = math.Max(top, iv.Center+hi)
		}
		if len(pts.XYs) == 0 {
			continue
		}
		line, dots, err := plotter.NewLinePoints(pts.XYs)
		if err != nil {
			return nil, err
		}
		line.Color, line.Width = l.color, vg.Points(2)
		if l.dashed {
			line.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
		}
		dots.Color, dots.Shape = l.color, draw.CircleGlyph{}
		bars, err := plotter.NewYErrorBars(pts)
		if err != nil {
			return nil, err
		}
		bars.Color = l.color
		p.Add(line, dots, bars)
		p.Legend.Add(l.name, line, dots)
		drawn++
	}
	if drawn == 0 {
		return nil, ErrNoData
	}
	p.Y.Max = 1.4 * top // room above the lines for the legend
	w, err := p.WriterTo(8*vg.Inch, 4.5*vg.Inch, chartFormat)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := w.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
