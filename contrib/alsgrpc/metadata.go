package alsgrpc

import "google.golang.org/grpc/metadata"

// MetadataCarrier adapts gRPC metadata to an [alsprop.Carrier]. Metadata
// keys are lower case, so each name is folded to lower case first.
type MetadataCarrier metadata.MD

// Values returns every value of the key name.
func (c MetadataCarrier) Values(name string) []string { return metadata.MD(c).Get(name) }

// Set replaces the values of the key name with value.
func (c MetadataCarrier) Set(name, value string) { metadata.MD(c).Set(name, value) }

// Del removes the key name.
func (c MetadataCarrier) Del(name string) { metadata.MD(c).Delete(name) }

// validMetadataKey reports whether name is a gRPC metadata key that
// carries text: lower case letters, digits, '-', '_' and '.', not
// reserved ("grpc-") and not binary ("-bin"). gRPC refuses to send any
// other, which would fail every call.
func validMetadataKey(name string) bool {
	if len(name) >= 5 && name[:5] == "grpc-" || len(name) >= 4 && name[len(name)-4:] == "-bin" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return name != ""
}
