package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMinimizeDiff(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{
			name: "an import added after the last one",
			in: `--- a.go (old)
+++ a.go (new)
@@ -1,4 +1,6 @@
 import (
 	"fmt"
-	"sync"
+	"sync"
+
+	"github.com/go-als/als"
 )
`,
			want: `--- a.go (old)
+++ a.go (new)
@@ -1,4 +1,6 @@
 import (
 	"fmt"
 	"sync"
+
+	"github.com/go-als/als"
 )
`,
		},
		{
			name: "two hunks, the second already minimal",
			in: `--- a.go (old)
+++ a.go (new)
@@ -3,2 +3,3 @@
-x
-y
+x
+z
+y
@@ -10,3 +11,3 @@
 a
-	go f()
+	als.Go(f)
 b
`,
			want: `--- a.go (old)
+++ a.go (new)
@@ -3,2 +3,3 @@
 x
+z
 y
@@ -10,3 +11,3 @@
 a
-	go f()
+	als.Go(f)
 b
`,
		},
		{
			name: "a line that only looks like a file header",
			in: `@@ -1,2 +1,2 @@
--- x
+++ y
 z
`,
			want: `@@ -1,2 +1,2 @@
--- x
+++ y
 z
`,
		},
		{
			name: "no newline at the end: kept as it is",
			in: `@@ -1 +1 @@
-a
\ No newline at end of file
+a
`,
			want: `@@ -1 +1 @@
-a
\ No newline at end of file
+a
`,
		},
	} {
		assert.Equal(t, tt.want, minimizeDiff(tt.in), tt.name)
	}
}
