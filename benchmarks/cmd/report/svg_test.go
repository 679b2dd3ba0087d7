package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wellFormed decodes the whole document, failing on any XML error.
func wellFormed(t *testing.T, doc []byte) map[string]int {
	t.Helper()
	counts := map[string]int{}
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return counts
		}
		require.NoError(t, err)
		if se, ok := tok.(xml.StartElement); ok {
			counts[se.Name.Local]++
		}
	}
}

func TestScaleChartSVG(t *testing.T) {
	c := ScaleChart(fullSet())
	require.Len(t, c.Series, 3)
	for _, s := range c.Series {
		assert.Len(t, s.Points, 4, s.Name)
	}
	svg, err := c.SVG()
	require.NoError(t, err)
	counts := wellFormed(t, svg)
	assert.Equal(t, 1, counts["svg"])
	assert.Equal(t, 3, counts["polyline"])
	assert.Equal(t, 12, counts["circle"])
	doc := string(svg)
	for _, want := range []string{"als GetStore", "routine ITL.Get", "context.Value, depth 3",
		"live goroutines", "ns per Get", ">10<", ">1k<", ">1M<", "stroke-dasharray"} {
		assert.Contains(t, doc, want)
	}
}

// The x axis is logarithmic: decades are equally far apart, and a larger
// value is further right; y grows upwards.
func TestChartGeometry(t *testing.T) {
	c := Chart{Series: []Series{{Name: "s", Color: "red", Points: []Point{{10, 0}, {100, 5}, {1000, 10}}}}}
	svg, err := c.SVG()
	require.NoError(t, err)
	var line struct {
		Polyline struct {
			Points string `xml:"points,attr"`
		} `xml:"polyline"`
	}
	require.NoError(t, xml.Unmarshal(svg, &line))
	var xs, ys []float64
	for _, p := range strings.Fields(line.Polyline.Points) {
		var x, y float64
		_, err := fmtSscanf(p, &x, &y)
		require.NoError(t, err)
		xs, ys = append(xs, x), append(ys, y)
	}
	require.Len(t, xs, 3)
	assert.InDelta(t, xs[1]-xs[0], xs[2]-xs[1], 0.15)
	assert.Greater(t, xs[1], xs[0])
	assert.Less(t, ys[1], ys[0])
	assert.Less(t, ys[2], ys[1])
}

func TestChartEscapesText(t *testing.T) {
	c := Chart{Title: "a < b & c", Series: []Series{{Name: "<s>", Color: "blue", Points: []Point{{1, 1}}}}}
	svg, err := c.SVG()
	require.NoError(t, err)
	wellFormed(t, svg)
	assert.Contains(t, string(svg), "a &lt; b &amp; c")
}

func TestChartNoData(t *testing.T) {
	_, err := Chart{}.SVG()
	require.ErrorIs(t, err, ErrNoData)
	_, err = Chart{Series: []Series{{Points: []Point{{0, 3}}}}}.SVG()
	require.ErrorIs(t, err, ErrNoData)
	_, err = ScaleChart(NewSet()).SVG()
	require.ErrorIs(t, err, ErrNoData)
}

func TestNiceStep(t *testing.T) {
	for max, want := range map[float64]float64{0: 1, 10: 2, 27: 10, 55: 20, 100: 20, 1: 0.2, 7: 2} {
		assert.InDelta(t, want, niceStep(max), 1e-12, "niceStep(%v)", max)
	}
}

func fmtSscanf(p string, x, y *float64) (int, error) { return fmt.Sscanf(p, "%f,%f", x, y) }

// Y tick labels are short and exact, also for fractional steps.
func TestChartYTicks(t *testing.T) {
	svg, err := Chart{Series: []Series{{Points: []Point{{1, 0.9}}}}}.SVG()
	require.NoError(t, err)
	doc := string(svg)
	for _, want := range []string{">0.0<", ">0.2<", ">0.6<", ">1.0<"} {
		assert.Contains(t, doc, want)
	}
	assert.NotContains(t, doc, "00000")
	svg, err = Chart{Series: []Series{{Points: []Point{{1, 70}}}}}.SVG()
	require.NoError(t, err)
	assert.Contains(t, string(svg), ">80<")
	assert.NotContains(t, string(svg), ">80.0<")
}
