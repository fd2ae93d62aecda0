"""The version of the suggestion engine, recorded with every audit it assesses."""

#: Bumped whenever a change to the engine can change a suggestion, its confidence or its evidence.
ENGINE_VERSION = "19"
