package asyncres

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
)

// A Resource is New's only allocation. At 64 bytes it is in the 64-byte
// size class; one more word puts it in the 80-byte class, and every New
// then allocates a quarter more bytes for the GC to mark and sweep.
func TestResourceFitsSixtyFourBytes(t *testing.T) {
	assert.LessOrEqual(t, unsafe.Sizeof(Resource{}), uintptr(64))
}
