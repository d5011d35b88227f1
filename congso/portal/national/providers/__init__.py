"""The national portal port (:mod:`.base`) and its registry (:mod:`.registry`)."""
