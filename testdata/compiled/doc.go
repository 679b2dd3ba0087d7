// Package alscompiled holds the tests that only make sense in compiled
// mode: they are run by cmd/alsbuild's tests with -toolexec=alsbuild and
// fail when built any other way.
package alscompiled
