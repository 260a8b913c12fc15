extension Catalog {
    /// The catalog with every patient-facing text in `language`: the same exercises, doses, rules and numbers,
    /// in other words. English is the catalog itself.
    ///
    /// The validator has checked that the translation covers every text, list for list.
    public func translated(to language: Language) -> Catalog {
        guard let translation = translations[language] else { return self }
        let words = exerciseIDs.compactMap { id in self.exercises[id].map { $0.translated(translation) } }
        let pathways = SurgeryKind.allCases.compactMap { self.protocols[$0]?.translated(translation) }
        return Catalog(
            exercises: words, protocols: pathways, progression: progression, triage: triage,
            measurements: measurements, rtm: rtm, sentences: sentences, translations: translations,
            language: language)
    }
}

extension Exercise {
    /// The exercise with its words from `translation`, when it has them.
    func translated(_ translation: CatalogTranslation) -> Exercise {
        guard let text = translation.exercises[id.rawValue] else { return self }
        var copy = self
        copy.name = text.name
        copy.purpose = text.purpose
        copy.steps = text.steps
        copy.cues = text.cues
        copy.ladder = zip(ladder, text.ladder).map { rung, name in
            var rung = rung
            rung.name = name
            return rung
        }
        copy.restrictions = zip(restrictions, text.restrictions).map { restriction, words in
            var restriction = restriction
            restriction.text = words
            return restriction
        }
        copy.contraindications = text.contraindications
        return copy
    }
}

extension RehabProtocol {
    /// The protocol with its patient-facing words from `translation`, when it has them.
    func translated(_ translation: CatalogTranslation) -> RehabProtocol {
        guard let text = translation.protocols[kind.rawValue] else { return self }
        var copy = self
        copy.name = text.name
        copy.loadedFlexionLimits = zip(loadedFlexionLimits, text.loadedFlexionLimits).map { limit, words in
            var limit = limit
            limit.text = words
            return limit
        }
        copy.phases = phases.map { phase in
            guard let words = text.phases[phase.id] else { return phase }
            var phase = phase
            phase.name = words.name
            phase.precautions = zip(phase.precautions, words.precautions).map { precaution, words in
                var precaution = precaution
                precaution.text = words
                return precaution
            }
            return phase
        }
        return copy
    }
}
