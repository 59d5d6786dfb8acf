import RegelBuiltins

/// One contract's way of making records. Records come in *episodes*: a
/// course of care, a case, a series of bookings of one patient. An episode
/// writes the rows of one day at a time and says how many days later it
/// continues; the schedule interleaves all open episodes day by day, so the
/// file is in date order with many patients' contacts mixed, like an export.
protocol GenerateModel {
    associatedtype Episode
    /// The contract's columns, in the order written.
    static var columns: [String] { get }
    /// The first and last date of the records.
    var firstDay: Day { get }
    var lastDay: Day { get }
    /// The share of a weekday's volume that a Saturday or Sunday has.
    var weekendWeight: Double { get }
    /// A new episode (its first rows are written by the `step` that follows at once).
    mutating func start(_ rng: inout GenerateRandom) -> Episode
    /// Writes the episode's rows of `day` (at least one row the first time,
    /// fewer only when `out.isFull`); returns the days until it continues, or
    /// nil when it is over.
    mutating func step(_ e: inout Episode, day: Day, rng: inout GenerateRandom, out: inout GenerateRowWriter) -> Int?
}

/// Runs a model until `out.limit` rows are written.
///
/// Each day first continues the episodes due that day, then starts new ones
/// until the rows written reach that day's share of the total (weekdays
/// weigh 1, weekend days `weekendWeight`). The file thus holds exactly the
/// number of rows asked for, spread over the model's dates, and memory is
/// bounded by the episodes open at once (a calendar of day buckets with an
/// index list per day, and a slab of episodes reused as they end).
enum GenerateSchedule {
    static func run<M: GenerateModel>(_ model: inout M, rng: inout GenerateRandom, out: inout GenerateRowWriter) {
        let limit = out.limit
        let first = model.firstDay.ordinal
        let days = max(1, Int(model.lastDay.ordinal - first) + 1)
        var cumulative = [Double](repeating: 0, count: days)
        var sum = 0.0
        for d in 0..<days {
            let weekday = Day(ordinal: first + Int32(d)).isoWeekday
            sum += weekday >= 6 ? model.weekendWeight : 1
            cumulative[d] = sum
        }
        var heads = [Int32](repeating: -1, count: days)
        var episodes: [M.Episode] = []
        var links: [Int32] = []
        var free: [Int32] = []

        func schedule(_ slot: Int32, _ day: Int) {
            links[Int(slot)] = heads[day]
            heads[day] = slot
        }

        for d in 0..<days {
            if out.isFull { break }
            let day = Day(ordinal: first + Int32(d))
            var slot = heads[d]
            heads[d] = -1
            while slot >= 0 && !out.isFull {
                let next = links[Int(slot)]
                if let gap = model.step(&episodes[Int(slot)], day: day, rng: &rng, out: &out), d + max(gap, 1) < days {
                    schedule(slot, d + max(gap, 1))
                } else {
                    free.append(slot)
                }
                slot = next
            }
            let target = d == days - 1 ? limit : min(limit, Int((Double(limit) * cumulative[d] / sum).rounded()))
            var idle = 0
            while out.rows < target && !out.isFull && idle < 1000 {
                var episode = model.start(&rng)
                let before = out.rows
                let gap = model.step(&episode, day: day, rng: &rng, out: &out)
                idle = out.rows == before ? idle + 1 : 0
                guard let gap, d + max(gap, 1) < days else { continue }
                let slot: Int32
                if let reused = free.popLast() {
                    slot = reused
                    episodes[Int(slot)] = episode
                } else {
                    slot = Int32(episodes.count)
                    episodes.append(episode)
                    links.append(-1)
                }
                schedule(slot, d + max(gap, 1))
            }
        }
    }
}

/// Calendar helpers shared by the models.
enum GenerateCalendar {
    /// Days until the next contact after `day`: a gap from `gaps`. A gap
    /// that lands on a Saturday or Sunday is drawn again, except with
    /// probability `keep`, so the weekdays get even shares (shifting every
    /// weekend contact to Monday would pile them up there).
    @inline(__always)
    static func gap(after day: Day, _ gaps: [Int], _ rng: inout GenerateRandom, keep: Double) -> Int {
        var gap = rng.pick(gaps)
        for _ in 0..<8 {
            if day.adding(days: gap).isoWeekday < 6 || rng.chance(keep) { return gap }
            gap = rng.pick(gaps)
        }
        let w = day.adding(days: gap).isoWeekday
        return w >= 6 ? gap + 8 - w : gap
    }

    /// As `gap(after:_:_:keep:)`, with a gap in `range`.
    @inline(__always)
    static func gap(after day: Day, _ range: ClosedRange<Int>, _ rng: inout GenerateRandom, keep: Double) -> Int {
        var gap = rng.between(range.lowerBound, range.upperBound)
        for _ in 0..<8 {
            if day.adding(days: gap).isoWeekday < 6 || rng.chance(keep) { return gap }
            gap = rng.between(range.lowerBound, range.upperBound)
        }
        let w = day.adding(days: gap).isoWeekday
        return w >= 6 ? gap + 8 - w : gap
    }

    /// `d`, or when it is a Saturday or Sunday the Friday before or the
    /// Monday after (never on or before `after`).
    @inline(__always)
    static func workday(_ d: Day, after: Day) -> Day {
        let w = d.isoWeekday
        if w < 6 { return d }
        let friday = d.adding(days: 5 - w)
        return friday > after && (d.ordinal & 1) == 0 ? friday : d.adding(days: 8 - w)
    }

    /// A clock time in minutes, `from`–`to` (hours) in steps of `step` minutes.
    @inline(__always)
    static func clock(_ rng: inout GenerateRandom, from: Int = 7, to: Int = 17, step: Int = 5) -> Int {
        from * 60 + step * rng.below((to - from) * 60 / step)
    }
}
