/// The fixed rule files of the `validate` target. They read the columns of
/// `rulesets/examples/skane-distans.csv` (so the shipped example seeds the
/// fuzzer) and two optional number columns of their own. The first needs no
/// other records, so `validate` streams it a chunk at a time; the second has a
/// search, a cap and a measure, so it reads every record at once.
enum ValidationRulesets {
    static func record(_ name: String) -> String {
        """
        ruleset "fuzz-\(name)"
        version "1"
        source "fuzz"
        effective 2000-01-01
        until 2099-12-31
        date field datum

        record kontakt
          id: text
          patient: personnummer
          datum: date
          tid: optional time
          enhet: text
          kontakttyp: one of "VK", "KT", "TE", "KB", "BR", "KO", "KOM", "BES", "TRI"
          journalford: bool
          attribut: optional list of text
          belopp: optional decimal
          antal: optional int
        end

        codes ersatter_besok = "VK", "KT", "KB"
        define senast = datum + 3 months
        define summa = (belopp otherwise 0) * 2 + (antal otherwise 0)
        define vecka = week_text(datum)
        define manad_senast = month_text(senast)
        define stor_enhet = upper(enhet)

        """
    }

    static let streamed =
        record("streamed") + """
            rule journalford
              title "Journalförd"
              severity error
              cites "1"
              when kontakttyp in ersatter_besok
              require journalford
              message "Kontakt {id} ({kontakttyp}, {datum}, {tid}) är inte journalförd; {belopp} {antal} {attribut}."
            end

            rule belopp
              title "Belopp"
              severity warning
              cites "2"
              when belopp is present
              require belopp <= 1000 and summa < 5000 and length(enhet) < 40
              message "Kontakt {id} har beloppet {belopp} och summan {summa} ({senast})."
            end

            rule patient
              title "Patient"
              severity info
              cites "3"
              require valid_personnummer(patient) and not samordningsnummer(patient)
                and years_between(datum, senast) = 0 and (attribut is missing or not (attribut contains "SOB"))
              message "Kontakt {id}: {patient} vecka {vecka}, {manad_senast}, {stor_enhet}."
            end

            """

    static let whole =
        record("whole") + """
            rule samma_dag
              title "Samma dag"
              severity warning
              cites "4"
              when kontakttyp = "TE" and tid is present
              require not exists other where other.patient = patient and other.datum = datum
                and other.kontakttyp = "BES" and other.tid is present and other.tid > tid
              message "Samtal {id} kl {tid} följs av besök samma dag."
            end

            rule flera
              title "Flera"
              severity info
              cites "5"
              require count other where other.patient = patient and other.enhet = enhet < 3
                and ((latest other.datum where other.patient = patient) otherwise datum) <= senast
              message "Kontakt {id} har flera kontakter ({summa}, {vecka}, {manad_senast}, {stor_enhet})."
            end

            cap tak
              severity warning
              cites "6"
              when kontakttyp in ersatter_besok
              per patient, enhet
              order by datum, id
              limit vecka: at most 1 per iso week
                message "Kontakt {id}: {count} av {limit} denna vecka."
              limit ar: at most 3 within 12 months
              limit sedan: at most 2 since latest kontakttyp = "BES"
              require bokford: journalford
            end

            measure per_enhet
              title "Per enhet"
              cites "7"
              group by enhet, manad = month_text(datum)
              value kontakter = count
              value journalforda = count where journalford
              value belopp_summa = sum belopp otherwise 0
              value antal_summa = sum antal otherwise 0
              value andel = journalforda / kontakter
            end

            """
}
