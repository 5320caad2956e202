package dev.fairbill.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Ids shared by the load's clients: any client may add one, or pick one at random to read it. */
final class IdPool {

    private final List<String> ids = new ArrayList<>();

    synchronized void add(String id) {
        ids.add(id);
    }

    synchronized Optional<String> pick(RandomGenerator random) {
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(random.nextInt(ids.size())));
    }
}
