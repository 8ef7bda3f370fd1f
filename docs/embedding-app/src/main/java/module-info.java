module com.example.greeter {
    requires dev.porthoster.core;
}
