package gls

// This file is the seam between the two engines. In a normal build it
// declares compiled false and stubs for the runtime slots, so every
// "if compiled" branch in the engine is removed by the compiler and the
// default mode pays nothing for compiled mode. When cmd/alsbuild compiles
// this package it replaces this file with one that declares compiled true
// and links the same functions to the fields it added to runtime.g; the
// marker below names that contract so a mismatched alsbuild is refused.

const compiledABI = "als-runtime-field-v2"

// compiled reports that the binary was built by alsbuild with the patched
// runtime. It is a constant so the branches on it cost nothing.
const compiled = false

func rtFrame() *Frame             { return nil }
func rtSetFrame(*Frame)           {}
func rtExec() *Exec               { return nil }
func rtSetBoth(f *Frame, e *Exec) {}
func rtFree() *rtBox              { return nil }
func rtSetFree(*rtBox)            {}

// frameMeta is a Frame's first field; compiled mode keeps a frame's
// recycling state there (compiled_frames.go). Empty here, so default mode
// frames are as large as before, and every frame reads as shared.
type frameMeta struct{}

func frameState(*Frame) uint32     { return frameShared }
func setFrameState(*Frame, uint32) {}
func frameHot(*Frame) *entry       { return nil }
func setFrameHot(*Frame, *entry)   {}
