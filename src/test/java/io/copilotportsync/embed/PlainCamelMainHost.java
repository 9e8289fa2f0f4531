package io.copilotportsync.embed;

import org.apache.camel.main.Main;

/** A Camel application as a team writes one: camel-main with its own properties file and nothing of this project's code. */
public final class PlainCamelMainHost {
    private PlainCamelMainHost() {
    }

    /** @param args the host's properties file */
    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + args[0]);
        main.run();
    }
}
