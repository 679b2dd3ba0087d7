package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wellFormed decodes the whole document, failing on any XML error, and
// returns its text.
func wellFormed(t *testing.T, doc []byte) string {
	t.Helper()
	var text bytes.Buffer
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return text.String()
		}
		require.NoError(t, err)
		if cd, ok := tok.(xml.CharData); ok {
			text.Write(cd)
			text.WriteByte('\n')
		}
	}
}

func TestScaleChart(t *testing.T) {
	svg, err := ScaleChart(fullSamples(6))
	require.NoError(t, err)
	text := wellFormed(t, svg)
	for _, want := range []string{"als GetStore", "routine ITL.Get", "context.Value, depth 3",
		"live goroutines", "ns per Get", "10\n", "1k\n", "100k\n", "1M\n"} {
		assert.Contains(t, text, want)
	}
}

// Fewer than 6 runs have no interval; the chart draws the medians alone.
func TestScaleChartWithoutIntervals(t *testing.T) {
	svg, err := ScaleChart(fullSamples(3))
	require.NoError(t, err)
	wellFormed(t, svg)
}

func TestScaleChartNoData(t *testing.T) {
	_, err := ScaleChart(NewSamples())
	require.ErrorIs(t, err, ErrNoData)
}
