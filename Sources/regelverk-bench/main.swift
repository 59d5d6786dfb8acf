print("regelverk-bench: not written yet")
