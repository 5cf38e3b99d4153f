"""Dutch text understanding that does not need a trained model: parsers and detectors."""
